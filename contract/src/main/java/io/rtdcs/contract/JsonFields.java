package io.rtdcs.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of untrusted JSON: each method names the field in its {@link RequestException} when
 * the value is missing or of the wrong type. {@code field} is the full path used in the message.
 */
public final class JsonFields {

  public static JsonObject object(Object body, String field) {
    if (body instanceof JsonObject o) {
      return o;
    }
    throw RequestException.badRequest(field, "must be a JSON object");
  }

  public static boolean has(JsonObject o, String key) {
    return o.getValue(key) != null;
  }

  public static int requireInt(JsonObject o, String key, String field) {
    if (!has(o, key)) {
      throw RequestException.badRequest(field, "is required");
    }
    return optInt(o, key, field, 0);
  }

  public static int optInt(JsonObject o, String key, String field, int dflt) {
    Object v = o.getValue(key);
    if (v == null) {
      return dflt;
    }
    if ((v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
        && ((Number) v).longValue() == ((Number) v).intValue()) {
      return ((Number) v).intValue();
    }
    throw RequestException.badRequest(field, "must be an integer");
  }

  public static int requirePositiveInt(JsonObject o, String key, String field) {
    int v = requireInt(o, key, field);
    if (v <= 0) {
      throw RequestException.badRequest(field, "must be a positive integer");
    }
    return v;
  }

  public static long optLong(JsonObject o, String key, String field, long dflt) {
    Object v = o.getValue(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw RequestException.badRequest(field, "must be an integer");
  }

  public static boolean optBoolean(JsonObject o, String key, String field, boolean dflt) {
    Object v = o.getValue(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw RequestException.badRequest(field, "must be true or false");
  }

  public static String requireString(JsonObject o, String key, String field) {
    String s = optString(o, key, field, null);
    if (s == null || s.isBlank()) {
      throw RequestException.badRequest(field, "is required (a non-empty string)");
    }
    return s;
  }

  public static String optString(JsonObject o, String key, String field, String dflt) {
    Object v = o.getValue(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof String s) {
      return s;
    }
    throw RequestException.badRequest(field, "must be a string");
  }

  public static JsonArray optArray(JsonObject o, String key, String field) {
    Object v = o.getValue(key);
    if (v == null) {
      return new JsonArray();
    }
    if (v instanceof JsonArray a) {
      return a;
    }
    throw RequestException.badRequest(field, "must be an array");
  }

  public static JsonObject optObject(JsonObject o, String key, String field) {
    Object v = o.getValue(key);
    if (v == null) {
      return new JsonObject();
    }
    if (v instanceof JsonObject j) {
      return j;
    }
    throw RequestException.badRequest(field, "must be an object");
  }

  /** An array of integers. */
  public static List<Integer> intList(JsonObject o, String key, String field) {
    JsonArray a = optArray(o, key, field);
    List<Integer> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      Object v = a.getValue(i);
      if (!(v instanceof Integer || v instanceof Long)
          || ((Number) v).longValue() != ((Number) v).intValue()) {
        throw RequestException.badRequest(field + "[" + i + "]", "must be an integer");
      }
      out.add(((Number) v).intValue());
    }
    return out;
  }

  /** An array of strings. */
  public static List<String> stringList(JsonArray a, String field) {
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      Object v = a.getValue(i);
      if (!(v instanceof String s)) {
        throw RequestException.badRequest(field + "[" + i + "]", "must be a string");
      }
      out.add(s);
    }
    return out;
  }

  private JsonFields() {}
}
