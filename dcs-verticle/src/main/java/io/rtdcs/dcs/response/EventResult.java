package io.rtdcs.dcs.response;

import io.vertx.core.json.JsonArray;
import java.util.List;

/**
 * What the /event flow produced for one accepted call, ready for {@link EventResponseWriter}.
 *
 * @param uuid the visitor's uuid, or null when it could not be established
 * @param setCookie whether to (re)set the visitor cookie to {@code uuid}
 * @param optedOut the visitor is opted out: the answer carries no data
 * @param traits the profile's live traits, or null when unknown (store failed)
 * @param segments the qualified segments, or null when unknown
 * @param stuff cookie destinations, or null
 * @param dests URL destinations, or null
 * @param ibs ID syncs the visitor still needs, or null
 * @param partners partner outcomes (debug only), or null
 * @param errors errors found while parsing and while running the flow
 */
public record EventResult(
    String uuid,
    boolean setCookie,
    boolean optedOut,
    JsonArray traits,
    JsonArray segments,
    JsonArray stuff,
    JsonArray dests,
    JsonArray ibs,
    JsonArray partners,
    List<AamError> errors) {

  public EventResult {
    errors = List.copyOf(errors);
  }

  /** A result that carries no visitor data: only the uuid (or null), the cookie flag and errors. */
  public static EventResult withoutData(
      String uuid, boolean setCookie, boolean optedOut, List<AamError> errors) {
    return new EventResult(uuid, setCookie, optedOut, null, null, null, null, null, null, errors);
  }
}
