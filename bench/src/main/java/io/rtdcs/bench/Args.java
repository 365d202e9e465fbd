package io.rtdcs.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --name value} arguments of the bench tools; a {@code --name} followed by another {@code
 * --name} or by nothing is a flag (value "true"). Numbers that do not parse fail naming the option.
 */
public final class Args {
  private final Map<String, String> values = new HashMap<>();

  public Args(String[] args) {
    int i = 0;
    while (i < args.length) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      String name = args[i].substring(2);
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(name, args[i + 1]);
        i += 2;
      } else {
        values.put(name, "true");
        i++;
      }
    }
  }

  public int integer(String name, int dflt) {
    String v = values.get(name);
    try {
      return v == null ? dflt : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": expected an integer, got " + v, e);
    }
  }

  public double decimal(String name, double dflt) {
    String v = values.get(name);
    try {
      return v == null ? dflt : Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": expected a number, got " + v, e);
    }
  }

  public String string(String name, String dflt) {
    return values.getOrDefault(name, dflt);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** Whether the flag {@code --name} was given (or {@code --name true}). */
  public boolean flag(String name) {
    String v = values.get(name);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw new IllegalArgumentException("--" + name + ": a flag, got the value " + v);
  }

  /** Throws naming every option given that is not in {@code known}. */
  public void refuseUnknown(Set<String> known) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", unknown));
    }
  }
}
