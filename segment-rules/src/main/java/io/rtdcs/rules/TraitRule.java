package io.rtdcs.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled trait rule in Audience Manager's syntax, e.g. {@code (c_make == "A") AND (c_price >=
 * 10)}. Parse once when the definition is loaded; {@link #matches} is then cheap and thread-safe.
 */
public interface TraitRule {

  /** Parses and compiles; throws {@link RuleSyntaxException} and nothing else on bad input. */
  static TraitRule parse(String source) {
    return TraitRuleParser.parse(source);
  }

  /**
   * Signals are key -> values (multi-valued keys match if any value matches; a missing key never).
   */
  boolean matches(Map<String, ? extends List<String>> signals);

  /** Every signal key the rule reads, so callers can skip rules whose keys are absent. */
  Set<String> keys();

  /** The source text as given. */
  String source();
}
