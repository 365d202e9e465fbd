package io.rtdcs.rules;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A parsed segment rule: immutable and thread-safe. */
final class CompiledSegmentRule implements SegmentRule {

  private final String source;
  private final Condition<SegmentContext> condition;
  private final Set<Integer> traits;
  private final Set<Integer> segments;
  private final int longestWindowDays;

  CompiledSegmentRule(
      String source,
      Condition<SegmentContext> condition,
      Set<Integer> traits,
      Set<Integer> segments,
      int longestWindowDays) {
    this.source = source;
    this.condition = condition;
    this.traits = Collections.unmodifiableSet(new LinkedHashSet<>(traits));
    this.segments = Collections.unmodifiableSet(new LinkedHashSet<>(segments));
    this.longestWindowDays = longestWindowDays;
  }

  @Override
  public boolean matches(TraitHistory history, long nowMillis) {
    if (history == null) {
      return false;
    }
    return condition.test(new SegmentContext(history, SegmentContext.epochDay(nowMillis)));
  }

  @Override
  public Set<Integer> traits() {
    return traits;
  }

  @Override
  public Set<Integer> segments() {
    return segments;
  }

  @Override
  public int longestWindowDays() {
    return longestWindowDays;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "SegmentRule[" + source + "]";
  }
}
