package io.rtdcs.partner.lookup;

import io.rtdcs.partner.definition.JsonFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code dcs.partners.lookup} request. {@code p_} signal keys are dropped here,
 * whatever the sender did.
 */
public record LookupRequest(
    String tid,
    long timeoutMs,
    String uuid,
    JsonObject signals,
    Map<Integer, String> syncedIds,
    Set<Integer> cachedDpids,
    JsonObject consent) {

  public static final long MAX_TIMEOUT_MS = 60_000;

  /** Throws {@code IllegalArgumentException("<field>: <reason>")} on bad input. */
  public static LookupRequest fromJson(Object body) {
    if (!(body instanceof JsonObject json)) {
      throw JsonFields.invalid("body", "must be a JSON object");
    }
    JsonFields f = new JsonFields(json, "");
    long timeoutMs = f.integer("timeoutMs", 0, MAX_TIMEOUT_MS, null);
    String tid = json.getValue("tid") == null ? null : f.string("tid", null);
    String uuid = json.getValue("uuid") == null ? null : f.string("uuid", null);
    JsonObject consent = f.object("consent");
    return new LookupRequest(
        tid,
        timeoutMs,
        uuid,
        signals(f.object("signals")),
        syncedIds(f.object("syncedIds")),
        cachedDpids(json.getValue("cachedDpids")),
        consent);
  }

  private static JsonObject signals(JsonObject raw) {
    JsonObject out = new JsonObject();
    if (raw == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : raw) {
      String key = e.getKey();
      if (!(e.getValue() instanceof JsonArray values)) {
        throw JsonFields.invalid("signals." + key, "must be an array of strings");
      }
      for (int i = 0; i < values.size(); i++) {
        if (!(values.getValue(i) instanceof String)) {
          throw JsonFields.invalid("signals." + key + "[" + i + "]", "must be a string");
        }
      }
      if (!key.startsWith("p_")) {
        out.put(key, values.copy());
      }
    }
    return out;
  }

  private static Map<Integer, String> syncedIds(JsonObject raw) {
    Map<Integer, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : raw) {
      int dpid;
      try {
        dpid = Integer.parseInt(e.getKey());
      } catch (NumberFormatException ex) {
        throw JsonFields.invalid("syncedIds." + e.getKey(), "key must be a dpid (integer)");
      }
      if (!(e.getValue() instanceof String value)) {
        throw JsonFields.invalid("syncedIds." + e.getKey(), "must be a string");
      }
      out.put(dpid, value);
    }
    return out;
  }

  private static Set<Integer> cachedDpids(Object raw) {
    Set<Integer> out = new HashSet<>();
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof JsonArray array)) {
      throw JsonFields.invalid("cachedDpids", "must be an array of integers");
    }
    for (int i = 0; i < array.size(); i++) {
      Object v = array.getValue(i);
      if (!(v instanceof Integer n)) {
        throw JsonFields.invalid("cachedDpids[" + i + "]", "must be an integer");
      }
      out.add(n);
    }
    return out;
  }
}
