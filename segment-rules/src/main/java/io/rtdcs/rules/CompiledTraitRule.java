package io.rtdcs.rules;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed trait rule: immutable, thread-safe, evaluation never throws. */
final class CompiledTraitRule implements TraitRule {

  private final String source;
  private final Condition<Map<String, ? extends List<String>>> condition;
  private final Set<String> keys;
  private final boolean matchesWithoutKeys;

  CompiledTraitRule(
      String source, Condition<Map<String, ? extends List<String>>> condition, Set<String> keys) {
    this.source = source;
    this.condition = condition;
    this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
    this.matchesWithoutKeys = condition.test(Map.of());
  }

  @Override
  public boolean matches(Map<String, ? extends List<String>> signals) {
    if (signals == null) {
      return matchesWithoutKeys;
    }
    try {
      return condition.test(signals);
    } catch (RuntimeException e) {
      // a hostile or broken map implementation: treat as no match rather than fail the call
      return false;
    }
  }

  @Override
  public Set<String> keys() {
    return keys;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "TraitRule[" + source + "]";
  }
}
