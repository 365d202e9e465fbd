package io.rtdcs.segment.handlers;

import io.rtdcs.segment.JsonFields;
import io.rtdcs.segment.RequestException;
import io.rtdcs.segment.store.DeclaredId;
import io.rtdcs.segment.store.PartnerOutcome;
import io.rtdcs.segment.store.Profile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validating readers of the request fields the segment addresses share. */
final class Requests {
  static final int MAX_DECLARED_IDS = 10;
  static final int MAX_DECLARED_PER_DPID = 3;
  static final int MAX_SIGNAL_KEYS = 256;
  static final int MAX_VALUES_PER_KEY = 100;
  static final int MAX_VALUE_LENGTH = 2048;
  static final int MAX_SIDS = 200;
  static final int MAX_PARTNERS = io.rtdcs.common.Limits.MAX_PARTNERS;
  static final int MAX_PARTNER_SEGMENTS = io.rtdcs.common.Limits.MAX_PARTNER_SEGMENTS;
  static final int MAX_ID_LENGTH = 512;
  private static final Pattern UUID = Pattern.compile("[0-9]{1,38}");

  /** A transaction id: the idempotency key of a realize call. */
  static final int MAX_TID_LENGTH = io.rtdcs.common.Limits.MAX_TID_LENGTH;

  /**
   * The fields every request may carry: {@code tid} (string of at most {@value #MAX_TID_LENGTH}
   * characters) and {@code timeoutMs} (>= 0).
   */
  static void common(JsonObject body) {
    tid(body);
    timeoutMs(body);
  }

  /** The request's {@code timeoutMs} (>= 0; 0 when absent: no deadline). */
  static long timeoutMs(JsonObject body) {
    long timeoutMs = JsonFields.optLong(body, "timeoutMs", "timeoutMs", 0);
    if (timeoutMs < 0) {
      throw RequestException.badRequest("timeoutMs", "must be >= 0");
    }
    return timeoutMs;
  }

  /** The request's {@code tid}, or null. */
  static String tid(JsonObject body) {
    String tid = JsonFields.optString(body, "tid", "tid", null);
    if (tid != null && tid.length() > MAX_TID_LENGTH) {
      throw RequestException.badRequest("tid", "must be at most " + MAX_TID_LENGTH + " characters");
    }
    return tid;
  }

  static String uuid(JsonObject body, boolean required) {
    common(body);
    String uuid = JsonFields.optString(body, "uuid", "uuid", null);
    if (uuid == null) {
      if (required) {
        throw RequestException.badRequest("uuid", "is required");
      }
      return null;
    }
    if (!UUID.matcher(uuid).matches()) {
      throw RequestException.badRequest("uuid", "must be a decimal string of up to 38 digits");
    }
    return uuid;
  }

  static List<DeclaredId> declaredIds(JsonObject body) {
    JsonArray a = JsonFields.optArray(body, "declaredIds", "declaredIds");
    if (a.size() > MAX_DECLARED_IDS) {
      throw RequestException.badRequest("declaredIds", "at most " + MAX_DECLARED_IDS + " per call");
    }
    List<DeclaredId> out = new ArrayList<>(a.size());
    Map<Integer, Integer> perDpid = new LinkedHashMap<>();
    for (int i = 0; i < a.size(); i++) {
      String field = "declaredIds[" + i + "]";
      JsonObject d = JsonFields.object(a.getValue(i), field);
      int dpid = JsonFields.requirePositiveInt(d, "dpid", field + ".dpid");
      String dpuuid = dpuuid(d, field + ".dpuuid");
      int auth = JsonFields.optInt(d, "auth", field + ".auth", 0);
      if (auth < 0 || auth > 2) {
        throw RequestException.badRequest(field + ".auth", "must be 0, 1 or 2");
      }
      if (perDpid.merge(dpid, 1, Integer::sum) > MAX_DECLARED_PER_DPID) {
        throw RequestException.badRequest(
            field + ".dpid", "at most " + MAX_DECLARED_PER_DPID + " declared IDs per dpid");
      }
      boolean proven = JsonFields.optBoolean(d, "proven", field + ".proven", false);
      out.add(new DeclaredId(dpid, dpuuid, auth, proven));
    }
    return out;
  }

  /**
   * The declared IDs marked {@code "proven": true}: the caller proved them (a signature or an
   * authenticated caller, checked by the dcs verticle or the admin API), so they may find, link or
   * opt out the profile they name. Unproven ones are only kept in the caller's own profile.
   */
  static List<DeclaredId> provenDeclaredIds(JsonObject body) {
    return declaredIds(body).stream().filter(DeclaredId::proven).toList();
  }

  /**
   * The declared IDs the device proved on earlier calls ({@code identities}, newest first, each
   * with its last auth state): the dcs verticle's resolve read them from the device profile. Only
   * the proven ones count (a merge rule reads those people's profiles and linked devices).
   */
  static List<DeclaredId> identities(JsonObject body) {
    JsonArray a = JsonFields.optArray(body, "identities", "identities");
    if (a.size() > Profile.MAX_DECLARED_IDS) {
      throw RequestException.badRequest(
          "identities", "at most " + Profile.MAX_DECLARED_IDS + " (a device keeps that many)");
    }
    List<DeclaredId> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      String field = "identities[" + i + "]";
      JsonObject d = JsonFields.object(a.getValue(i), field);
      int dpid = JsonFields.requirePositiveInt(d, "dpid", field + ".dpid");
      String dpuuid = dpuuid(d, field + ".dpuuid");
      int auth = JsonFields.optInt(d, "auth", field + ".auth", 0);
      if (auth < 0 || auth > 2) {
        throw RequestException.badRequest(field + ".auth", "must be 0, 1 or 2");
      }
      out.add(new DeclaredId(dpid, dpuuid, auth, true));
    }
    return out;
  }

  static String dpuuid(JsonObject o, String field) {
    String dpuuid = JsonFields.requireString(o, "dpuuid", field);
    if (dpuuid.length() > MAX_ID_LENGTH) {
      throw RequestException.badRequest(field, "longer than " + MAX_ID_LENGTH + " characters");
    }
    return dpuuid;
  }

  static Map<String, List<String>> signals(JsonObject body) {
    JsonObject s = JsonFields.optObject(body, "signals", "signals");
    if (s.size() > MAX_SIGNAL_KEYS) {
      throw RequestException.badRequest("signals", "at most " + MAX_SIGNAL_KEYS + " keys");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key : s.fieldNames()) {
      String field = "signals." + key;
      if (key.isEmpty() || key.length() > 256) {
        throw RequestException.badRequest(field, "key must be 1 to 256 characters");
      }
      Object v = s.getValue(key);
      List<String> values;
      if (v instanceof JsonArray arr) {
        values = JsonFields.stringList(arr, field);
      } else {
        throw RequestException.badRequest(field, "must be an array of strings");
      }
      if (values.size() > MAX_VALUES_PER_KEY) {
        throw RequestException.badRequest(field, "at most " + MAX_VALUES_PER_KEY + " values");
      }
      for (String value : values) {
        if (value.length() > MAX_VALUE_LENGTH) {
          throw RequestException.badRequest(field, "value longer than " + MAX_VALUE_LENGTH);
        }
      }
      out.put(key, values);
    }
    return out;
  }

  static List<Integer> ints(JsonObject body, String key, int max) {
    List<Integer> out = JsonFields.intList(body, key, key);
    if (out.size() > max) {
      throw RequestException.badRequest(key, "at most " + max + " entries");
    }
    return out;
  }

  /** The {@code ok} and {@code no-data} outcomes; the others change nothing and are skipped. */
  static List<PartnerOutcome> partners(JsonObject body) {
    JsonArray a = JsonFields.optArray(body, "partners", "partners");
    if (a.size() > MAX_PARTNERS) {
      throw RequestException.badRequest("partners", "at most " + MAX_PARTNERS + " entries");
    }
    List<PartnerOutcome> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String field = "partners[" + i + "]";
      JsonObject p = JsonFields.object(a.getValue(i), field);
      int dpid = JsonFields.requirePositiveInt(p, "dpid", field + ".dpid");
      String outcome = JsonFields.requireString(p, "outcome", field + ".outcome");
      int ttl = JsonFields.optInt(p, "ttlSeconds", field + ".ttlSeconds", -1);
      if ("ok".equals(outcome)) {
        List<String> segs =
            JsonFields.stringList(
                JsonFields.optArray(p, "segments", field + ".segments"), field + ".segments");
        if (segs.size() > MAX_PARTNER_SEGMENTS) {
          throw RequestException.badRequest(
              field + ".segments", "at most " + MAX_PARTNER_SEGMENTS + " segments");
        }
        for (String seg : segs) {
          if (seg.isEmpty() || seg.length() > 256) {
            throw RequestException.badRequest(
                field + ".segments", "codes must be 1-256 characters");
          }
        }
        out.add(new PartnerOutcome(dpid, segs, ttl));
      } else if ("no-data".equals(outcome)) {
        out.add(new PartnerOutcome(dpid, List.of(), ttl));
      }
    }
    return out;
  }

  private Requests() {}
}
