package io.rtdcs.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reply of {@code dcs.profiles.resolve}: what the partner step needs to know of the visitor.
 *
 * @param uuid the visitor's uuid, or null (the caller mints one)
 * @param known a stored profile exists for it
 * @param optedOut the profile (or a declared ID's) is opted out: the caller stops
 * @param syncedIds dpid -> the visitor's id there
 * @param partnerCache dpid -> the cached answer whose TTL has not run out
 * @param identities the declared IDs the profile proved on earlier calls, newest first
 */
public record VisitorFacts(
    String uuid,
    boolean known,
    boolean optedOut,
    Map<Integer, String> syncedIds,
    Map<Integer, CachedAnswer> partnerCache,
    List<DeclaredIdentity> identities) {

  public VisitorFacts {
    syncedIds = Collections.unmodifiableMap(syncedIds);
    partnerCache = Collections.unmodifiableMap(partnerCache);
    identities = List.copyOf(identities);
  }

  public JsonObject toJson() {
    JsonObject cache = new JsonObject();
    partnerCache.forEach(
        (dpid, answer) ->
            cache.put(
                String.valueOf(dpid),
                new JsonObject()
                    .put("segments", new JsonArray(new ArrayList<>(answer.segments())))
                    .put("expiresAt", answer.expiresAt())));
    JsonObject json =
        new JsonObject()
            .put("known", known)
            .put("optedOut", optedOut)
            .put("syncedIds", ContractFields.dpidStringsJson(syncedIds))
            .put("partnerCache", cache);
    if (uuid != null) {
      json.put("uuid", uuid);
    }
    if (!identities.isEmpty()) {
      json.put("identities", ContractFields.identitiesJson(identities));
    }
    return json;
  }

  /**
   * Reads a reply defensively (it comes from whoever answers the address): a field of a wrong type
   * counts as absent, an invalid uuid as none, and at most {@value ContractFields#MAX_IDENTITIES}
   * identities are kept.
   */
  public static VisitorFacts of(Object reply) {
    if (reply instanceof VisitorFacts facts) {
      return facts;
    }
    JsonObject json = reply instanceof JsonObject j ? j : new JsonObject();
    String uuid = json.getValue("uuid") instanceof String s && ContractFields.isUuid(s) ? s : null;
    Map<Integer, String> synced = new LinkedHashMap<>();
    if (json.getValue("syncedIds") instanceof JsonObject s) {
      s.forEach(
          e -> {
            Integer dpid = dpid(e.getKey());
            if (dpid != null && e.getValue() instanceof String v) {
              synced.put(dpid, v);
            }
          });
    }
    Map<Integer, CachedAnswer> cache = new LinkedHashMap<>();
    if (json.getValue("partnerCache") instanceof JsonObject c) {
      c.forEach(
          e -> {
            Integer dpid = dpid(e.getKey());
            if (dpid != null) {
              cache.put(dpid, cached(e.getValue()));
            }
          });
    }
    List<DeclaredIdentity> identities = new ArrayList<>();
    if (json.getValue("identities") instanceof JsonArray a) {
      for (Object o : a) {
        if (identities.size() < ContractFields.MAX_IDENTITIES
            && o instanceof JsonObject d
            && d.getValue("dpid") instanceof Integer dpid
            && d.getValue("dpuuid") instanceof String dpuuid) {
          int auth = d.getValue("auth") instanceof Integer n ? n : 0;
          identities.add(new DeclaredIdentity(dpid, dpuuid, auth, true));
        }
      }
    }
    return new VisitorFacts(
        uuid,
        Boolean.TRUE.equals(json.getValue("known")),
        Boolean.TRUE.equals(json.getValue("optedOut")),
        synced,
        cache,
        identities);
  }

  private static CachedAnswer cached(Object value) {
    List<String> segments = new ArrayList<>();
    long expiresAt = 0;
    if (value instanceof JsonObject o) {
      if (o.getValue("segments") instanceof JsonArray a) {
        for (Object s : a) {
          if (s instanceof String code) {
            segments.add(code);
          }
        }
      }
      if (o.getValue("expiresAt") instanceof Number n) {
        expiresAt = n.longValue();
      }
    }
    return new CachedAnswer(segments, expiresAt);
  }

  private static Integer dpid(String key) {
    try {
      return Integer.parseInt(key);
    } catch (NumberFormatException e) {
      return null; // not a dpid: ignored
    }
  }

  static void write(VisitorFacts f, WireWriter out) {
    out.string(f.uuid).bool(f.known).bool(f.optedOut).dpidStrings(f.syncedIds);
    out.varInt(f.partnerCache.size());
    f.partnerCache.forEach(
        (dpid, answer) ->
            out.signedInt(dpid).strings(answer.segments()).signedLong(answer.expiresAt()));
    out.declaredIds(f.identities);
  }

  static VisitorFacts read(WireReader in) {
    String uuid = in.string();
    boolean known = in.bool();
    boolean optedOut = in.bool();
    Map<Integer, String> synced = in.dpidStrings();
    int n = in.count();
    Map<Integer, CachedAnswer> cache = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      cache.put(in.signedInt(), new CachedAnswer(in.strings(), in.signedLong()));
    }
    return new VisitorFacts(uuid, known, optedOut, synced, cache, in.declaredIds());
  }
}
