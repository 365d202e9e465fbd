package io.rtdcs.rules;

import java.util.List;
import java.util.Map;

/**
 * One {@code key OP value} comparison. A missing key (absent, null, or no usable value) never
 * matches. Positive operators match when ANY value passes; {@code !=} matches when the key has a
 * value and NO value equals the operand.
 */
final class SignalCondition implements Condition<Map<String, ? extends List<String>>> {

  private final String key;
  private final ValueTest test;
  private final boolean none;

  SignalCondition(String key, ValueTest test, boolean none) {
    this.key = key;
    this.test = test;
    this.none = none;
  }

  @Override
  public boolean test(Map<String, ? extends List<String>> signals) {
    Object raw = signals.get(key);
    if (raw instanceof List<?> values) {
      boolean seen = false;
      for (Object item : values) {
        String value = asString(item);
        if (value == null) {
          continue;
        }
        seen = true;
        if (test.test(value)) {
          return !none;
        }
      }
      return none && seen;
    }
    String single = asString(raw);
    return single != null && test.test(single) != none;
  }

  /** Tolerates what a JSON array may hold besides strings: numbers and booleans count as text. */
  private static String asString(Object item) {
    if (item instanceof String s) {
      return s;
    }
    if (item instanceof Number || item instanceof Boolean) {
      return String.valueOf(item);
    }
    return null;
  }
}
