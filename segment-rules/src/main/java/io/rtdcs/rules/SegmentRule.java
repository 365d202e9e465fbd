package io.rtdcs.rules;

import java.util.Set;

/**
 * A compiled segment rule: boolean expressions over traits ({@code 123T}) and segments ({@code
 * 5001S}), with {@code AND}, {@code OR}, {@code NOT}, parentheses and {@code FREQUENCY([1T, 2T] <=
 * 7D) >= 3}.
 */
public interface SegmentRule {

  /** Parses and compiles; throws {@link RuleSyntaxException} and nothing else on bad input. */
  static SegmentRule parse(String source) {
    return SegmentRuleParser.parse(source);
  }

  /** Evaluates against a profile at {@code nowMillis}. */
  boolean matches(TraitHistory history, long nowMillis);

  /** Trait sids the rule reads. */
  Set<Integer> traits();

  /** Segment ids the rule reads. */
  Set<Integer> segments();

  /**
   * The longest recency window in days the rule uses (0 when it uses none): how much history to
   * keep.
   */
  int longestWindowDays();

  String source();
}
