package io.rtdcs.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dcs.partners.lookup}: ask every partner that applies, within {@code timeoutMs}
 * (docs/event-bus.md). Its signals never hold a {@code p_} key: they are dropped here, whatever the
 * sender did.
 *
 * @param uuid the visitor's uuid, or null
 * @param syncedIds dpid -> the visitor's id there
 * @param cachedDpids partners with a fresh cached answer (not called: outcome {@code cached})
 * @param consent forwarded to partners as is, or null
 */
public record LookupRequest(
    String tid,
    long timeoutMs,
    String uuid,
    Map<String, List<String>> signals,
    Map<Integer, String> syncedIds,
    Set<Integer> cachedDpids,
    JsonObject consent)
    implements TimedRequest<LookupRequest> {
  public static final long MAX_TIMEOUT_MS = 60_000;
  public static final String PRIVATE_PREFIX = "p_";

  public LookupRequest {
    signals = withoutPrivate(signals);
    syncedIds = Collections.unmodifiableMap(syncedIds);
    cachedDpids = Collections.unmodifiableSet(cachedDpids);
  }

  @Override
  public LookupRequest withTimeoutMs(long timeoutMs) {
    return new LookupRequest(tid, timeoutMs, uuid, signals, syncedIds, cachedDpids, consent);
  }

  /** The request as received: the record itself (checked) or its JSON form (read, checked). */
  public static LookupRequest of(Object body) {
    if (body instanceof LookupRequest r) {
      r.check();
      return r;
    }
    JsonObject json = JsonFields.object(body, "body");
    if (json.getValue("timeoutMs") == null) {
      throw RequestException.badRequest("timeoutMs", "required");
    }
    LookupRequest r =
        new LookupRequest(
            JsonFields.optString(json, "tid", "tid", null),
            JsonFields.optLong(json, "timeoutMs", "timeoutMs", 0),
            JsonFields.optString(json, "uuid", "uuid", null),
            signals(json),
            syncedIds(JsonFields.optObject(json, "syncedIds", "syncedIds")),
            cachedDpids(json),
            json.getValue("consent") == null
                ? null
                : JsonFields.optObject(json, "consent", "consent"));
    r.check();
    return r;
  }

  /** The limits of docs/event-bus.md, with the field named (400). */
  public void check() {
    if (timeoutMs < 0 || timeoutMs > MAX_TIMEOUT_MS) {
      throw RequestException.badRequest(
          "timeoutMs", "must be between 0 and " + MAX_TIMEOUT_MS + ", was " + timeoutMs);
    }
    ContractFields.checkTid(tid);
    ContractFields.checkSignals(signals);
  }

  @Override
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("tid", tid)
            .put("timeoutMs", timeoutMs)
            .put("uuid", uuid)
            .put("signals", ContractFields.signalsJson(signals))
            .put("syncedIds", ContractFields.dpidStringsJson(syncedIds))
            .put("cachedDpids", new JsonArray(new ArrayList<>(cachedDpids)));
    if (consent != null) {
      json.put("consent", consent);
    }
    return json;
  }

  private static Map<String, List<String>> withoutPrivate(Map<String, List<String>> signals) {
    for (String key : signals.keySet()) {
      if (key.startsWith(PRIVATE_PREFIX)) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        signals.forEach(
            (k, v) -> {
              if (!k.startsWith(PRIVATE_PREFIX)) {
                out.put(k, v);
              }
            });
        return Collections.unmodifiableMap(out);
      }
    }
    return Collections.unmodifiableMap(signals);
  }

  private static Map<String, List<String>> signals(JsonObject json) {
    JsonObject raw = JsonFields.optObject(json, "signals", "signals");
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key : raw.fieldNames()) {
      if (!(raw.getValue(key) instanceof JsonArray values)) {
        throw RequestException.badRequest("signals." + key, "must be an array of strings");
      }
      List<String> list = JsonFields.stringList(values, "signals." + key);
      if (!key.startsWith(PRIVATE_PREFIX)) {
        out.put(key, Collections.unmodifiableList(list));
      }
    }
    return out;
  }

  private static Map<Integer, String> syncedIds(JsonObject raw) {
    Map<Integer, String> out = new LinkedHashMap<>();
    for (String key : raw.fieldNames()) {
      int dpid;
      try {
        dpid = Integer.parseInt(key);
      } catch (NumberFormatException e) {
        throw RequestException.badRequest("syncedIds." + key, "key must be a dpid (integer)");
      }
      out.put(dpid, JsonFields.requireString(raw, key, "syncedIds." + key));
    }
    return out;
  }

  private static Set<Integer> cachedDpids(JsonObject json) {
    if (json.getValue("cachedDpids") != null
        && !(json.getValue("cachedDpids") instanceof JsonArray)) {
      throw RequestException.badRequest("cachedDpids", "must be an array of integers");
    }
    return new LinkedHashSet<>(JsonFields.intList(json, "cachedDpids", "cachedDpids"));
  }

  static void write(LookupRequest r, WireWriter out) {
    out.string(r.tid)
        .signedLong(r.timeoutMs)
        .string(r.uuid)
        .signals(r.signals)
        .dpidStrings(r.syncedIds)
        .ints(new ArrayList<>(r.cachedDpids))
        .json(r.consent);
  }

  static LookupRequest read(WireReader in) {
    return new LookupRequest(
        in.string(),
        in.signedLong(),
        in.string(),
        in.signals(),
        in.dpidStrings(),
        new LinkedHashSet<>(in.ints()),
        in.jsonObject());
  }
}
