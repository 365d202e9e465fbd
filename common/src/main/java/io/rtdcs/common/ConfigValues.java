package io.rtdcs.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The typed reader of one config section: each key dotted ({@code "limits.burst"}) or nested
 * ({@code {"limits": {"burst": 5}}}), with a default. A wrong type or range throws {@link
 * IllegalArgumentException} naming the key. It remembers every key it was asked for, so that once
 * the section's readers are done {@link #rejectUnknown} refuses whatever no reader asked for: a
 * typo such as {@code budgetMS} stops the node with the key's name instead of silently leaving the
 * default in place.
 */
public final class ConfigValues {
  private final JsonObject json;

  /** Per JSON object (by its backing map), the fields a reader asked for. */
  private final Map<Map<String, Object>, Set<String>> read = new IdentityHashMap<>();

  /** Per JSON object, the fields whose nested object a reader looked into. */
  private final Map<Map<String, Object>, Set<String>> entered = new IdentityHashMap<>();

  /** Every key asked for, present or not: the candidates of "did you mean". */
  private final Set<String> asked = new java.util.LinkedHashSet<>();

  /** The section's name and a dot ({@code "store."}), or "" for the root: what messages name. */
  private final String prefix;

  public ConfigValues(JsonObject json) {
    this(json, "");
  }

  /**
   * The reader of section {@code section} of the node config (say {@code "store"}): every message
   * names the full key ({@code store.poolSize: expected an integer, was ten}).
   */
  public ConfigValues(JsonObject json, String section) {
    this.json = json == null ? new JsonObject() : json;
    this.prefix = section == null || section.isEmpty() ? "" : section + ".";
  }

  /** The value at {@code key} (dotted, or the nested path it names), or null; remembers the key. */
  public Object raw(String key) {
    asked.add(key);
    if (json.containsKey(key)) {
      mark(read, json, key);
      return json.getValue(key);
    }
    Object node = json;
    String[] parts = key.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      if (!(node instanceof JsonObject o)) {
        return null;
      }
      mark(i == parts.length - 1 ? read : entered, o, parts[i]);
      node = o.getValue(parts[i]);
    }
    return node == json ? null : node;
  }

  /** Every key the readers asked for so far, in the order asked (present in the config or not). */
  public Set<String> asked() {
    return java.util.Collections.unmodifiableSet(asked);
  }

  /** Declares {@code keys} read elsewhere (another reader of the same section): never unknown. */
  public ConfigValues allow(String... keys) {
    for (String k : keys) {
      raw(k);
    }
    return this;
  }

  /**
   * Throws {@link IllegalArgumentException} naming every key of the section ({@code section} its
   * prefix in the message, say {@code "dcs"}) that no reader asked for, with the nearest known key.
   */
  public void rejectUnknown(String section) {
    List<String> unknown = new ArrayList<>();
    collectUnknown(json, "", unknown);
    if (unknown.isEmpty()) {
      return;
    }
    List<String> known = new ArrayList<>(asked);
    StringBuilder b = new StringBuilder();
    String prefix = section == null || section.isEmpty() ? "" : section + ".";
    for (String key : unknown) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(prefix).append(key).append(": unknown key");
      String near = nearest(key, known);
      if (near != null) {
        b.append(" (did you mean ").append(prefix).append(near).append("?)");
      }
    }
    throw new IllegalArgumentException(b.toString());
  }

  private void collectUnknown(JsonObject o, String prefix, List<String> out) {
    Set<String> readHere = read.getOrDefault(o.getMap(), Set.of());
    Set<String> enteredHere = entered.getOrDefault(o.getMap(), Set.of());
    for (String field : o.fieldNames()) {
      if (readHere.contains(field)) {
        continue;
      }
      if (enteredHere.contains(field) && o.getValue(field) instanceof JsonObject nested) {
        collectUnknown(nested, prefix + field + ".", out);
      } else {
        out.add(prefix + field);
      }
    }
  }

  /** The known key that differs least (case first, then at most two edits), or null. */
  static String nearest(String key, List<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      if (k.equalsIgnoreCase(key)) {
        return k;
      }
      int d = distance(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost =
            Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1))
                ? 0
                : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static void mark(
      Map<Map<String, Object>, Set<String>> marks, JsonObject o, String field) {
    marks.computeIfAbsent(o.getMap(), m -> new HashSet<>()).add(field);
  }

  public long longIn(String key, long def, long min, long max) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Number n) || n.doubleValue() != n.longValue()) {
      throw new IllegalArgumentException(prefix + key + ": expected an integer, was " + v);
    }
    long l = n.longValue();
    if (l < min || l > max) {
      throw new IllegalArgumentException(
          prefix + key + ": must be " + min + ".." + max + ", was " + l);
    }
    return l;
  }

  /** A number (integer or not). */
  public double decimal(String key, double def) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(prefix + key + ": expected a number, was " + v);
  }

  /** An integer of any long value (the caller checks its range, naming the key). */
  public long longValue(String key, long def) {
    return longIn(key, def, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** An integer of any int value (the caller checks its range, naming the key). */
  public int integer(String key, int def) {
    return intIn(key, def, Integer.MIN_VALUE, Integer.MAX_VALUE);
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
    throw new IllegalArgumentException(prefix + key + ": expected true or false, was " + v);
  }

  public String string(String key, String def) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException(prefix + key + ": expected a non-empty string, was " + v);
  }

  public String oneOf(String key, String def, List<String> allowed) {
    String s = string(key, def);
    if (!allowed.contains(s)) {
      throw new IllegalArgumentException(
          prefix + key + ": expected one of " + allowed + ", was " + s);
    }
    return s;
  }

  /** A JSON array of non-empty strings (a single string is a wrong type), or empty when absent. */
  public List<String> stringArray(String key) {
    Object v = raw(key);
    if (v != null && !(v instanceof JsonArray)) {
      throw new IllegalArgumentException(prefix + key + ": expected a list of strings, was " + v);
    }
    return strings(key);
  }

  /**
   * A JSON array of non-empty strings, or one string of comma-separated values (an environment
   * variable), or empty when absent.
   */
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
      throw new IllegalArgumentException(prefix + key + ": expected a list of strings, was " + v);
    }
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(prefix + key + ": expected a list of strings, had " + o);
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
      throw new IllegalArgumentException(prefix + key + ": expected a list of integers, was " + v);
    }
    List<Integer> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof Integer i) || i < min || i > max) {
        throw new IllegalArgumentException(
            prefix + key + ": expected integers " + min + ".." + max + ", had " + o);
      }
      out.add(i);
    }
    return out;
  }
}
