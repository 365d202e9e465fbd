package io.rtdcs.partner.definition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of untrusted JSON: each getter checks the type and throws {@link
 * IllegalArgumentException} with {@code "<field>: <reason>"}, the shape the admin API replies with.
 */
public final class JsonFields {
  private final JsonObject json;
  private final String prefix;

  public JsonFields(JsonObject json, String prefix) {
    this.json = json == null ? new JsonObject() : json;
    this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + ".";
  }

  public static IllegalArgumentException invalid(String field, String reason) {
    return new IllegalArgumentException(field + ": " + reason);
  }

  public String field(String key) {
    return prefix + key;
  }

  public boolean has(String key) {
    return json.getValue(key) != null;
  }

  public long integer(String key, long min, long max, Long fallback) {
    Object v = json.getValue(key);
    if (v == null) {
      if (fallback == null) {
        throw invalid(field(key), "required");
      }
      return fallback;
    }
    if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)) {
      throw invalid(field(key), "must be an integer");
    }
    long n = ((Number) v).longValue();
    if (n < min || n > max) {
      throw invalid(field(key), "must be between " + min + " and " + max + ", was " + n);
    }
    return n;
  }

  public String string(String key, String fallback) {
    Object v = json.getValue(key);
    if (v == null) {
      if (fallback == null) {
        throw invalid(field(key), "required");
      }
      return fallback;
    }
    if (!(v instanceof String)) {
      throw invalid(field(key), "must be a string");
    }
    return (String) v;
  }

  public String nonBlank(String key, String fallback) {
    String s = string(key, fallback);
    if (s.isBlank()) {
      throw invalid(field(key), "must not be blank");
    }
    return s;
  }

  public boolean bool(String key, boolean fallback) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean)) {
      throw invalid(field(key), "must be true or false");
    }
    return (Boolean) v;
  }

  public JsonObject object(String key) {
    Object v = json.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject)) {
      throw invalid(field(key), "must be an object");
    }
    return (JsonObject) v;
  }

  public List<String> strings(String key) {
    Object v = json.getValue(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonArray)) {
      throw invalid(field(key), "must be an array of strings");
    }
    JsonArray array = (JsonArray) v;
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof String)) {
        throw invalid(field(key) + "[" + i + "]", "must be a string");
      }
      out.add((String) item);
    }
    return out;
  }
}
