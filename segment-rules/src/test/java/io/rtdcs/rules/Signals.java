package io.rtdcs.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: {@code "k=v1|v2; k2=v"} to a signal map ({@code k=} is a key with no values). */
final class Signals {

  private Signals() {}

  static Map<String, List<String>> of(String spec) {
    Map<String, List<String>> signals = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return signals;
    }
    for (String pair : spec.split(";")) {
      int eq = pair.indexOf('=');
      String key = pair.substring(0, eq).trim();
      String rest = pair.substring(eq + 1);
      List<String> values = new ArrayList<>();
      if (!rest.isEmpty()) {
        for (String v : rest.split("\\|", -1)) {
          values.add(v);
        }
      }
      signals.put(key, values);
    }
    return signals;
  }
}
