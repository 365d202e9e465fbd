package io.rtdcs.segment.handlers;

import io.rtdcs.segment.store.DeclaredId;
import io.rtdcs.segment.store.PartnerEntry;
import io.rtdcs.segment.store.Profile;
import io.rtdcs.segment.store.TraitRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;

/** The JSON shapes of a profile in the contract's replies. */
final class ProfileJson {

  /** The whole stored profile ({@code dcs.profiles.get}); traits past their TTL are left out. */
  static JsonObject full(String uuid, Profile p, long now) {
    JsonArray traits = new JsonArray();
    JsonArray expired = new JsonArray();
    for (TraitRecord t : p.traits().values()) {
      JsonObject days = new JsonObject();
      t.dailyCounts()
          .forEach((day, n) -> days.put(LocalDate.ofEpochDay(day).toString(), n.longValue()));
      JsonObject json =
          new JsonObject()
              .put("sid", t.sid())
              .put("firstRealized", t.firstRealized())
              .put("lastRealized", t.lastRealized())
              .put("count", t.count())
              .put("expiresAt", t.expiresAt() == Long.MAX_VALUE ? null : t.expiresAt())
              .put("ttlDays", t.ttlDays())
              .put("dailyCounts", days);
      // past its TTL a trait is still stored until the next update: listed apart, for access
      (t.isLive(now) ? traits : expired).add(json);
    }
    JsonArray declared = new JsonArray();
    for (DeclaredId d : p.declaredIds()) {
      declared.add(
          new JsonObject()
              .put("dpid", d.dpid())
              .put("dpuuid", d.dpuuid())
              .put("auth", d.auth())
              .put("proven", d.proven()));
    }
    JsonObject partners = new JsonObject();
    for (PartnerEntry e : p.partners().values()) {
      partners.put(
          Integer.toString(e.dpid()),
          new JsonObject()
              .put("segments", new JsonArray(e.segments()))
              .put("fetchedAt", e.fetchedAt())
              .put("expiresAt", e.expiresAt()));
    }
    return new JsonObject()
        .put("uuid", uuid)
        .put("optedOut", p.optedOut())
        .put("lastSeen", p.lastSeen())
        .put("traits", traits)
        .put("expiredTraits", expired)
        .put("segments", ints(p.segments()))
        .put("syncedIds", ids(p.syncedIds()))
        .put("declaredIds", declared)
        .put("partnerCache", partners);
  }

  static JsonObject ids(Map<Integer, String> ids) {
    JsonObject out = new JsonObject();
    ids.forEach((dpid, id) -> out.put(Integer.toString(dpid), id));
    return out;
  }

  /**
   * A person's profile ({@code rtdcs.people}): its key, opt-out, last call and traits (a person's
   * profile keeps no segments, partner answers or IDs: the devices do).
   */
  static JsonObject person(String key, Profile p, long now) {
    JsonObject full = full(key, p, now);
    return new JsonObject()
        .put("key", key)
        .put("optedOut", full.getValue("optedOut"))
        .put("lastSeen", full.getValue("lastSeen"))
        .put("traits", full.getValue("traits"))
        .put("expiredTraits", full.getValue("expiredTraits"));
  }

  static JsonArray ints(int[] values) {
    JsonArray a = new JsonArray();
    for (int v : values) {
      a.add(v);
    }
    return a;
  }

  private ProfileJson() {}
}
