package io.rtdcs.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments of the reference servers. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  int integer(String name, int dflt) {
    String v = values.get(name);
    return v == null ? dflt : Integer.parseInt(v);
  }

  String string(String name, String dflt) {
    return values.getOrDefault(name, dflt);
  }
}
