package io.rtdcs.dcs.request;

import io.rtdcs.contract.DeclaredIdentity;
import io.rtdcs.dcs.response.AamError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * One parsed {@code /event} call; immutable.
 *
 * @param rejected the call is malformed and nothing in it is processed; {@code status} says the
 *     HTTP status (200 as AAM, 413 or 414 for the size limits)
 * @param errors the AAM errors found while parsing (also when not rejected: dropped parts)
 * @param json answer JSON ({@code d_rtbd=json}) rather than a pixel
 * @param callback the JSONP callback ({@code d_cb}), or null
 * @param ibs include ID syncs ({@code d_jsonv} is not 0)
 * @param urlDestinations include URL destinations ({@code d_dst=1})
 * @param cts {@code d_cts} (0 when absent)
 * @param cookieUuid the valid uuid of the visitor cookie, or null
 * @param paramUuid the valid {@code d_uuid}, or null
 * @param signals key -> values, prefixes kept, {@code p_} keys included
 * @param consent {@code gdpr} / {@code gdpr_consent}, forwarded to partners, or empty
 */
public record EventRequest(
    int status,
    boolean rejected,
    List<AamError> errors,
    boolean json,
    String callback,
    boolean ibs,
    boolean urlDestinations,
    int cts,
    String cookieUuid,
    String paramUuid,
    Map<String, List<String>> signals,
    List<DeclaredIdentity> declaredIds,
    List<Integer> sids,
    List<Integer> tdpid,
    int nsid,
    String httpProto,
    Map<String, Object> consent) {

  public static final String PRIVATE_PREFIX = "p_";

  public EventRequest {
    errors = List.copyOf(errors);
    signals = Map.copyOf(signals);
    declaredIds = List.copyOf(declaredIds);
    sids = List.copyOf(sids);
    tdpid = List.copyOf(tdpid);
    consent = Map.copyOf(consent);
  }

  static EventRequest rejected(int status, List<AamError> errors) {
    return new EventRequest(
        status, true, errors, true, null, false, false, 0, null, null, Map.of(), List.of(),
        List.of(), List.of(), 0, "http", Map.of());
  }

  /** The visitor uuid the call carries: the cookie's, else {@code d_uuid}; null when neither. */
  public String uuid() {
    return cookieUuid != null ? cookieUuid : paramUuid;
  }

  /** The signals as contract JSON; {@code p_} keys only when {@code withPrivate}. */
  public JsonObject signalsJson(boolean withPrivate) {
    JsonObject out = new JsonObject();
    signals.forEach(
        (k, v) -> {
          if (withPrivate || !k.startsWith(PRIVATE_PREFIX)) {
            out.put(k, new JsonArray(List.copyOf(v)));
          }
        });
    return out;
  }

  /** Whether the call proved a declared ID: only such an ID may find another profile. */
  public boolean hasProvenDeclaredIds() {
    return declaredIds.stream().anyMatch(DeclaredIdentity::proven);
  }

  /** The declared IDs this call proved: the only ones that may find another profile. */
  public List<DeclaredIdentity> provenDeclaredIds() {
    return declaredIds.stream().filter(DeclaredIdentity::proven).toList();
  }

  /** Never prints signal values (a {@code p_} value must not reach a log line). */
  @Override
  public String toString() {
    return "EventRequest[rejected="
        + rejected
        + ", errors="
        + errors
        + ", keys="
        + signals.keySet()
        + ", declaredIds="
        + declaredIds.size()
        + "]";
  }
}
