package io.rtdcs.partner.client;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a partner's answer into a {@link PartnerResult}: {@code 200 {"segments": [...], "ttl": n}}
 * is {@code ok} (an empty list is {@code no-data}), 204 is {@code no-data}, anything else is {@code
 * error}. Pure: no I/O, never throws.
 */
public final class PartnerAnswerParser {
  public static final int MAX_SEGMENT_LENGTH = 128;
  public static final long MAX_TTL_SECONDS = 31_536_000;

  private final int maxSegments;
  private final long defaultTtlSeconds;

  public PartnerAnswerParser(int maxSegments, long defaultTtlSeconds) {
    this.maxSegments = maxSegments;
    this.defaultTtlSeconds = defaultTtlSeconds;
  }

  /** An HTTP answer whose body is already known to be within the size cap. */
  public PartnerResult parseHttp(int status, Buffer body) {
    if (status == 204) {
      return new PartnerResult(
          PartnerOutcome.NO_DATA, List.of(), defaultTtlSeconds, "204 no content");
    }
    if (status != 200) {
      return PartnerResult.error("status " + status);
    }
    if (body == null || body.length() == 0) {
      return PartnerResult.error("empty body");
    }
    JsonObject json;
    try {
      Object decoded = io.vertx.core.json.Json.decodeValue(body);
      if (!(decoded instanceof JsonObject)) {
        return PartnerResult.error("body is not a JSON object");
      }
      json = (JsonObject) decoded;
    } catch (DecodeException | ClassCastException e) {
      return PartnerResult.error("invalid JSON");
    }
    return parseJson(json);
  }

  /** The answer object itself (an HTTP body or an event-bus reply). */
  public PartnerResult parseJson(Object answer) {
    if (!(answer instanceof JsonObject json)) {
      return PartnerResult.error("answer is not a JSON object");
    }
    Object rawSegments = json.getValue("segments");
    if (!(rawSegments instanceof JsonArray array)) {
      return PartnerResult.error("segments: must be an array of strings");
    }
    if (array.size() > maxSegments) {
      return PartnerResult.error("segments: more than " + maxSegments);
    }
    Set<String> segments = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof String s)) {
        return PartnerResult.error("segments[" + i + "]: must be a string");
      }
      if (s.isEmpty() || s.length() > MAX_SEGMENT_LENGTH) {
        return PartnerResult.error(
            "segments[" + i + "]: must be 1 to " + MAX_SEGMENT_LENGTH + " characters");
      }
      if (hasControlCharacter(s)) {
        return PartnerResult.error("segments[" + i + "]: must not contain control characters");
      }
      segments.add(s);
    }
    long ttl = defaultTtlSeconds;
    Object rawTtl = json.getValue("ttl");
    if (rawTtl != null) {
      if (!(rawTtl instanceof Integer || rawTtl instanceof Long)) {
        return PartnerResult.error("ttl: must be an integer");
      }
      ttl = ((Number) rawTtl).longValue();
      if (ttl < 0 || ttl > MAX_TTL_SECONDS) {
        return PartnerResult.error("ttl: must be between 0 and " + MAX_TTL_SECONDS);
      }
    }
    if (segments.isEmpty()) {
      return new PartnerResult(PartnerOutcome.NO_DATA, List.of(), ttl, "empty segments");
    }
    return PartnerResult.ok(new ArrayList<>(segments), ttl);
  }

  private static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
