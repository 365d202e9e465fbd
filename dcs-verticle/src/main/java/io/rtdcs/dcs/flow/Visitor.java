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
 * @param identities the declared IDs the device proved before, newest first (merge rules read the
 *     people's profiles and linked devices they name: docs/profiles.md)
 * @param read the profile was read (resolved); else the realize step finds an opt-out and reads the
 *     identities itself when its merge rules need them ({@link #unread})
 */
record Visitor(
    String uuid,
    boolean optedOut,
    JsonObject syncedIds,
    JsonArray cachedDpids,
    JsonArray identities,
    boolean read) {

  /** A device keeps 10 declared IDs. */
  static final int MAX_IDENTITIES = 10;

  static Visitor fresh(String uuid) {
    return new Visitor(uuid, false, new JsonObject(), new JsonArray(), new JsonArray(), true);
  }

  /** A returning visitor known by its uuid alone, whose profile was not read before the realize. */
  static Visitor unread(String uuid) {
    return new Visitor(uuid, false, new JsonObject(), new JsonArray(), new JsonArray(), false);
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
    JsonArray identities = new JsonArray();
    if (reply.getValue("identities") instanceof JsonArray a) {
      for (Object o : a) {
        if (o instanceof JsonObject d && identities.size() < MAX_IDENTITIES) {
          identities.add(d);
        }
      }
    }
    return new Visitor(uuid, optedOut, synced, cached, identities, true);
  }
}
