package io.rtdcs.dcs.flow;

import io.rtdcs.dcs.request.Identifiers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Who the caller is, after {@code dcs.profiles.resolve} (or without it for a new visitor).
 *
 * @param uuid the visitor uuid (never null)
 * @param optedOut the visitor is opted out: stop
 * @param syncedIds dpid (string) -> DPUUID
 * @param cachedDpids partners whose cached answer is still fresh
 */
record Visitor(String uuid, boolean optedOut, JsonObject syncedIds, JsonArray cachedDpids) {

  static Visitor fresh(String uuid) {
    return new Visitor(uuid, false, new JsonObject(), new JsonArray());
  }

  /**
   * Reads a resolve reply defensively: a wrong type is treated as absent. The uuid is the reply's
   * when valid, else {@code fallback} (the call's own), else {@code minted}.
   */
  static Visitor fromReply(JsonObject reply, String fallback, String minted) {
    Object u = reply.getValue("uuid");
    String uuid =
        u instanceof String s && Identifiers.isValidUuid(s)
            ? s
            : fallback != null ? fallback : minted;
    boolean optedOut = Boolean.TRUE.equals(reply.getValue("optedOut"));
    JsonObject synced = new JsonObject();
    if (reply.getValue("syncedIds") instanceof JsonObject s) {
      s.forEach(
          e -> {
            if (e.getValue() instanceof String v) {
              synced.put(e.getKey(), v);
            }
          });
    }
    JsonArray cached = new JsonArray();
    if (reply.getValue("partnerCache") instanceof JsonObject c) {
      for (String key : c.fieldNames()) {
        try {
          cached.add(Integer.parseInt(key));
        } catch (NumberFormatException ignored) {
          // not a dpid: ignore
        }
      }
    }
    return new Visitor(uuid, optedOut, synced, cached);
  }
}
