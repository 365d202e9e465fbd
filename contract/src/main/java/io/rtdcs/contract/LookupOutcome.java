package io.rtdcs.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One partner's outcome in a lookup reply (and, passed on, in a realize request).
 *
 * @param outcome {@code ok}, {@code no-data}, {@code timeout}, {@code error}, {@code circuit-open},
 *     {@code skipped}, {@code cached} or {@code unavailable}
 * @param segments the partner's segment codes (only with {@code ok}; else empty)
 * @param ttlSeconds how long the answer may be cached, or -1 (absent)
 * @param detail a short human text for anything but {@code ok}, or null
 */
public record LookupOutcome(
    int dpid,
    String outcome,
    List<String> segments,
    int ttlSeconds,
    long latencyMs,
    String detail) {
  public static final String OK = "ok";
  public static final String NO_DATA = "no-data";

  public LookupOutcome {
    Objects.requireNonNull(outcome, "outcome");
    segments = segments == null ? List.of() : segments;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("dpid", dpid).put("outcome", outcome);
    if (OK.equals(outcome)) {
      json.put("segments", new JsonArray(new ArrayList<>(segments)));
    }
    if (ttlSeconds >= 0) {
      json.put("ttlSeconds", ttlSeconds);
    }
    json.put("latencyMs", latencyMs);
    if (detail != null) {
      json.put("detail", detail);
    }
    return json;
  }

  /** Reads one outcome; {@code field} names it in errors ({@code partners[2]}). */
  public static LookupOutcome fromJson(Object value, String field) {
    JsonObject p = JsonFields.object(value, field);
    int dpid = JsonFields.requireInt(p, "dpid", field + ".dpid");
    String outcome = JsonFields.requireString(p, "outcome", field + ".outcome");
    int ttl = JsonFields.optInt(p, "ttlSeconds", field + ".ttlSeconds", -1);
    List<String> segments =
        OK.equals(outcome)
            ? JsonFields.stringList(
                JsonFields.optArray(p, "segments", field + ".segments"), field + ".segments")
            : List.of();
    long latency = JsonFields.optLong(p, "latencyMs", field + ".latencyMs", 0);
    String detail = JsonFields.optString(p, "detail", field + ".detail", null);
    LookupOutcome o =
        new LookupOutcome(
            dpid, outcome, Collections.unmodifiableList(segments), ttl, latency, detail);
    o.check(field);
    return o;
  }

  /** The limits a realize applies ({@code field} names this outcome in the error). */
  public void check(String field) {
    if (dpid <= 0) {
      throw RequestException.badRequest(field + ".dpid", "must be a positive integer");
    }
    if (outcome.isBlank()) {
      throw RequestException.badRequest(field + ".outcome", "is required (a non-empty string)");
    }
    if (segments.size() > io.rtdcs.common.Limits.MAX_PARTNER_SEGMENTS) {
      throw RequestException.badRequest(
          field + ".segments",
          "at most " + io.rtdcs.common.Limits.MAX_PARTNER_SEGMENTS + " segments");
    }
    for (String seg : segments) {
      if (seg == null || seg.isEmpty() || seg.length() > ContractFields.MAX_SEGMENT_CODE_LENGTH) {
        throw RequestException.badRequest(field + ".segments", "codes must be 1-256 characters");
      }
    }
  }

  static List<LookupOutcome> listFromJson(JsonObject body, String key) {
    JsonArray a = JsonFields.optArray(body, key, key);
    ContractFields.checkSize(a.getList(), key, io.rtdcs.common.Limits.MAX_PARTNERS);
    List<LookupOutcome> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(fromJson(a.getValue(i), key + "[" + i + "]"));
    }
    return Collections.unmodifiableList(out);
  }

  static void checkList(List<LookupOutcome> outcomes, String key) {
    ContractFields.checkSize(outcomes, key, io.rtdcs.common.Limits.MAX_PARTNERS);
    for (int i = 0; i < outcomes.size(); i++) {
      outcomes.get(i).check(key + "[" + i + "]");
    }
  }

  static JsonArray listToJson(List<LookupOutcome> outcomes) {
    JsonArray out = new JsonArray(new ArrayList<>(outcomes.size()));
    for (LookupOutcome o : outcomes) {
      out.add(o.toJson());
    }
    return out;
  }

  static void writeList(List<LookupOutcome> outcomes, WireWriter out) {
    out.varInt(outcomes.size());
    for (LookupOutcome o : outcomes) {
      out.signedInt(o.dpid)
          .string(o.outcome)
          .strings(o.segments)
          .signedInt(o.ttlSeconds)
          .signedLong(o.latencyMs)
          .string(o.detail);
    }
  }

  static List<LookupOutcome> readList(WireReader in) {
    int n = in.count();
    List<LookupOutcome> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int dpid = in.signedInt();
      String outcome = in.string();
      if (outcome == null) {
        throw RequestException.badRequest("wire", "outcome without a name");
      }
      out.add(
          new LookupOutcome(
              dpid, outcome, in.strings(), in.signedInt(), in.signedLong(), in.string()));
    }
    return Collections.unmodifiableList(out);
  }
}
