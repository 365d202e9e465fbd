package io.rtdcs.contract;

import io.rtdcs.common.Limits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields the contract's messages share, read from their JSON form (each wrong type or value
 * named, {@link RequestException} 400) and checked in their typed form (the same limits, the same
 * texts: a record that arrived typed is checked as its JSON would have been).
 */
public final class ContractFields {
  public static final int MAX_DECLARED_IDS = 10;
  public static final int MAX_DECLARED_PER_DPID = 3;

  /** A device keeps this many proven declared IDs. */
  public static final int MAX_IDENTITIES = 10;

  public static final int MAX_SIGNAL_KEYS = 256;
  public static final int MAX_KEY_LENGTH = 256;
  public static final int MAX_VALUES_PER_KEY = 100;
  public static final int MAX_VALUE_LENGTH = 2048;
  public static final int MAX_SIDS = 200;
  public static final int MAX_ID_LENGTH = 512;
  public static final int MAX_SEGMENT_CODE_LENGTH = 256;

  /** The request's {@code timeoutMs} (>= 0; 0 when absent: no deadline). */
  public static long timeoutMs(JsonObject body) {
    long timeoutMs = JsonFields.optLong(body, "timeoutMs", "timeoutMs", 0);
    checkTimeoutMs(timeoutMs);
    return timeoutMs;
  }

  public static void checkTimeoutMs(long timeoutMs) {
    if (timeoutMs < 0) {
      throw RequestException.badRequest("timeoutMs", "must be >= 0");
    }
  }

  /** The request's {@code tid} (at most {@link Limits#MAX_TID_LENGTH} characters), or null. */
  public static String tid(JsonObject body) {
    String tid = JsonFields.optString(body, "tid", "tid", null);
    checkTid(tid);
    return tid;
  }

  public static void checkTid(String tid) {
    if (tid != null && tid.length() > Limits.MAX_TID_LENGTH) {
      throw RequestException.badRequest(
          "tid", "must be at most " + Limits.MAX_TID_LENGTH + " characters");
    }
  }

  /** The request's {@code uuid}: a decimal string of up to 38 digits; null when absent. */
  public static String uuid(JsonObject body, boolean required) {
    String uuid = JsonFields.optString(body, "uuid", "uuid", null);
    checkUuid(uuid, required);
    return uuid;
  }

  public static void checkUuid(String uuid, boolean required) {
    if (uuid == null) {
      if (required) {
        throw RequestException.badRequest("uuid", "is required");
      }
      return;
    }
    if (!isUuid(uuid)) {
      throw RequestException.badRequest("uuid", "must be a decimal string of up to 38 digits");
    }
  }

  /** A uuid as the contract takes it: 1 to 38 ASCII digits. */
  public static boolean isUuid(String s) {
    if (s == null || s.isEmpty() || s.length() > 38) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code declaredIds}: at most 10, 3 per dpid. */
  public static List<DeclaredIdentity> declaredIds(JsonObject body) {
    List<DeclaredIdentity> out = identityList(body, "declaredIds", false);
    checkDeclaredIds(out);
    return out;
  }

  public static void checkDeclaredIds(List<DeclaredIdentity> ids) {
    if (ids.isEmpty()) {
      return;
    }
    if (ids.size() > MAX_DECLARED_IDS) {
      throw RequestException.badRequest("declaredIds", "at most " + MAX_DECLARED_IDS + " per call");
    }
    Map<Integer, Integer> perDpid = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      DeclaredIdentity d = ids.get(i);
      checkIdentity(d, "declaredIds", i);
      if (perDpid.merge(d.dpid(), 1, Integer::sum) > MAX_DECLARED_PER_DPID) {
        throw RequestException.badRequest(
            "declaredIds[" + i + "].dpid",
            "at most " + MAX_DECLARED_PER_DPID + " declared IDs per dpid");
      }
    }
  }

  /**
   * {@code identities}: the declared IDs the device proved on earlier calls, newest first, each
   * with its last auth state; all taken as proven.
   */
  public static List<DeclaredIdentity> identities(JsonObject body) {
    List<DeclaredIdentity> out = identityList(body, "identities", true);
    checkIdentities(out);
    return out;
  }

  public static void checkIdentities(List<DeclaredIdentity> ids) {
    if (ids.size() > MAX_IDENTITIES) {
      throw RequestException.badRequest(
          "identities", "at most " + MAX_IDENTITIES + " (a device keeps that many)");
    }
    for (int i = 0; i < ids.size(); i++) {
      checkIdentity(ids.get(i), "identities", i);
    }
  }

  private static List<DeclaredIdentity> identityList(JsonObject body, String key, boolean proven) {
    JsonArray a = JsonFields.optArray(body, key, key);
    List<DeclaredIdentity> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      String field = key + "[" + i + "]";
      JsonObject d = JsonFields.object(a.getValue(i), field);
      int dpid = JsonFields.requireInt(d, "dpid", field + ".dpid");
      String dpuuid = JsonFields.requireString(d, "dpuuid", field + ".dpuuid");
      int auth = JsonFields.optInt(d, "auth", field + ".auth", 0);
      boolean isProven = proven || JsonFields.optBoolean(d, "proven", field + ".proven", false);
      out.add(new DeclaredIdentity(dpid, dpuuid, auth, isProven));
    }
    return Collections.unmodifiableList(out);
  }

  /** Checks {@code list[index]}; the field's name is only built for an error. */
  private static void checkIdentity(DeclaredIdentity d, String list, int index) {
    if (d.dpid() <= 0) {
      throw RequestException.badRequest(
          list + "[" + index + "].dpid", "must be a positive integer");
    }
    if (d.dpuuid().isBlank()) {
      throw RequestException.badRequest(
          list + "[" + index + "].dpuuid", "is required (a non-empty string)");
    }
    if (d.dpuuid().length() > MAX_ID_LENGTH) {
      throw RequestException.badRequest(
          list + "[" + index + "].dpuuid", "longer than " + MAX_ID_LENGTH + " characters");
    }
    if (d.auth() < 0 || d.auth() > 2) {
      throw RequestException.badRequest(list + "[" + index + "].auth", "must be 0, 1 or 2");
    }
  }

  /** {@code signals}: key -> array of strings. */
  public static Map<String, List<String>> signals(JsonObject body) {
    JsonObject s = JsonFields.optObject(body, "signals", "signals");
    if (s.size() > MAX_SIGNAL_KEYS) {
      throw RequestException.badRequest("signals", "at most " + MAX_SIGNAL_KEYS + " keys");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key : s.fieldNames()) {
      String field = "signals." + key;
      if (!(s.getValue(key) instanceof JsonArray arr)) {
        throw RequestException.badRequest(field, "must be an array of strings");
      }
      out.put(key, Collections.unmodifiableList(JsonFields.stringList(arr, field)));
    }
    Map<String, List<String>> signals = Collections.unmodifiableMap(out);
    checkSignals(signals);
    return signals;
  }

  public static void checkSignals(Map<String, List<String>> signals) {
    if (signals.size() > MAX_SIGNAL_KEYS) {
      throw RequestException.badRequest("signals", "at most " + MAX_SIGNAL_KEYS + " keys");
    }
    // forEach: no entry object per key, and the field's name is only built for an error
    signals.forEach(ContractFields::checkSignal);
  }

  private static void checkSignal(String key, List<String> values) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw RequestException.badRequest("signals." + key, "key must be 1 to 256 characters");
    }
    if (values.size() > MAX_VALUES_PER_KEY) {
      throw RequestException.badRequest(
          "signals." + key, "at most " + MAX_VALUES_PER_KEY + " values");
    }
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value == null) {
        throw RequestException.badRequest("signals." + key, "must be an array of strings");
      }
      if (value.length() > MAX_VALUE_LENGTH) {
        throw RequestException.badRequest(
            "signals." + key, "value longer than " + MAX_VALUE_LENGTH);
      }
    }
  }

  /** An array of at most {@code max} integers. */
  public static List<Integer> ints(JsonObject body, String key, int max) {
    List<Integer> out = Collections.unmodifiableList(JsonFields.intList(body, key, key));
    checkSize(out, key, max);
    return out;
  }

  public static void checkSize(List<?> list, String key, int max) {
    if (list.size() > max) {
      throw RequestException.badRequest(key, "at most " + max + " entries");
    }
  }

  /** The signals as their JSON form. */
  public static JsonObject signalsJson(Map<String, List<String>> signals) {
    JsonObject out = new JsonObject();
    signals.forEach((k, v) -> out.put(k, new JsonArray(new ArrayList<>(v))));
    return out;
  }

  public static JsonArray intsJson(List<Integer> ints) {
    return new JsonArray(new ArrayList<>(ints));
  }

  public static JsonArray intsJson(int[] ints) {
    JsonArray out = new JsonArray(new ArrayList<>(ints.length));
    for (int i : ints) {
      out.add(i);
    }
    return out;
  }

  public static JsonArray declaredIdsJson(List<DeclaredIdentity> ids) {
    JsonArray out = new JsonArray(new ArrayList<>(ids.size()));
    for (DeclaredIdentity d : ids) {
      out.add(d.toJson());
    }
    return out;
  }

  public static JsonArray identitiesJson(List<DeclaredIdentity> ids) {
    JsonArray out = new JsonArray(new ArrayList<>(ids.size()));
    for (DeclaredIdentity d : ids) {
      out.add(d.toIdentityJson());
    }
    return out;
  }

  /** dpid -> string as JSON ({@code {"9001": "..."}}). */
  public static JsonObject dpidStringsJson(Map<Integer, String> map) {
    JsonObject out = new JsonObject();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private ContractFields() {}
}
