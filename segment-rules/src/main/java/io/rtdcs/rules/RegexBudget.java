package io.rtdcs.rules;

/**
 * The character reads the {@code matchesregex} conditions of one call may make together: {@link
 * TraitRuleIndex#matching} opens a call's budget of {@link RuleLimits#MAX_REGEX_STEPS_PER_CALL} on
 * its thread, every regex match draws from it (each also within {@link
 * RuleLimits#MAX_REGEX_STEPS}), and once it is spent the call's remaining regex conditions do not
 * match. So a call with many values against many regex traits costs a bounded time however the
 * values are chosen. A match outside a call (a rule tested on its own) has a budget of one match.
 */
final class RegexBudget {
  private static final ThreadLocal<int[]> CALL = new ThreadLocal<>();

  private RegexBudget() {}

  /** Opens a call's budget on this thread; returns what was open before (for {@link #close}). */
  static int[] open(int steps) {
    int[] before = CALL.get();
    CALL.set(new int[] {steps});
    return before;
  }

  static void close(int[] before) {
    if (before == null) {
      CALL.remove();
    } else {
      CALL.set(before);
    }
  }

  /** What the call has left (a match outside a call: {@link RuleLimits#MAX_REGEX_STEPS}). */
  static int left() {
    int[] call = CALL.get();
    return call == null ? RuleLimits.MAX_REGEX_STEPS : Math.max(0, call[0]);
  }

  /** Takes {@code steps} read by one match from the call's budget. */
  static void spend(int steps) {
    int[] call = CALL.get();
    if (call != null) {
      call[0] -= steps;
    }
  }
}
