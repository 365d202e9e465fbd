package io.rtdcs.dcs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one verticle config key, dotted ({@code "limits.burst"}) or nested ({@code
 * {"limits": {"burst": 5}}}), with a default. A wrong type or range throws {@link
 * IllegalArgumentException} naming the key.
 */
public final class ConfigValues {
  private final JsonObject json;

  public ConfigValues(JsonObject json) {
    this.json = json == null ? new JsonObject() : json;
  }

  public Object raw(String key) {
    if (json.containsKey(key)) {
      return json.getValue(key);
    }
    Object node = json;
    for (String part : key.split("\\.")) {
      if (!(node instanceof JsonObject o)) {
        return null;
      }
      node = o.getValue(part);
    }
    return node == json ? null : node;
  }

  public long longIn(String key, long def, long min, long max) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Number n) || n.doubleValue() != n.longValue()) {
      throw new IllegalArgumentException(key + ": expected an integer, was " + v);
    }
    long l = n.longValue();
    if (l < min || l > max) {
      throw new IllegalArgumentException(key + ": must be " + min + ".." + max + ", was " + l);
    }
    return l;
  }

  public int intIn(String key, int def, int min, int max) {
    return (int) longIn(key, def, min, max);
  }

  public boolean bool(String key, boolean def) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(key + ": expected true or false, was " + v);
  }

  public String string(String key, String def) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException(key + ": expected a non-empty string, was " + v);
  }

  public String oneOf(String key, String def, List<String> allowed) {
    String s = string(key, def);
    if (!allowed.contains(s)) {
      throw new IllegalArgumentException(key + ": expected one of " + allowed + ", was " + s);
    }
    return s;
  }

  public List<String> strings(String key) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      List<String> out = new ArrayList<>();
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return out;
    }
    if (!(v instanceof JsonArray a)) {
      throw new IllegalArgumentException(key + ": expected a list of strings, was " + v);
    }
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(key + ": expected a list of strings, had " + o);
      }
      out.add(s);
    }
    return out;
  }

  public List<Integer> ints(String key, int min, int max) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new IllegalArgumentException(key + ": expected a list of integers, was " + v);
    }
    List<Integer> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof Integer i) || i < min || i > max) {
        throw new IllegalArgumentException(
            key + ": expected integers " + min + ".." + max + ", had " + o);
      }
      out.add(i);
    }
    return out;
  }
}
