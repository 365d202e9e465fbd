package io.rtdcs.rules;

/**
 * {@code FREQUENCY([t1T, t2T] <recency>) <op> k}: the realizations of the listed traits (summed) in
 * the recency window, compared with {@code k}.
 *
 * <p>Windows in UTC epoch days, {@code today = nowMillis / 86_400_000}:
 *
 * <ul>
 *   <li>no recency: every live realization, {@code count(sid, Long.MIN_VALUE, Long.MAX_VALUE)};
 *   <li>{@code <= nD} (within the last n days): the n days ending today, {@code [today-n+1,
 *       today]};
 *   <li>{@code >= nD} (n or more days ago): {@code [Long.MIN_VALUE, today-n]}.
 * </ul>
 */
final class FrequencyCondition implements Condition<SegmentContext> {

  enum Recency {
    ALL,
    WITHIN,
    BEFORE
  }

  enum Comparison {
    AT_LEAST(">="),
    AT_MOST("<="),
    EXACTLY("=="),
    MORE(">"),
    LESS("<");

    final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    boolean test(long count, long k) {
      return switch (this) {
        case AT_LEAST -> count >= k;
        case AT_MOST -> count <= k;
        case EXACTLY -> count == k;
        case MORE -> count > k;
        case LESS -> count < k;
      };
    }
  }

  private final int[] sids;
  private final Recency recency;
  private final int days;
  private final Comparison comparison;
  private final long k;

  FrequencyCondition(int[] sids, Recency recency, int days, Comparison comparison, long k) {
    this.sids = sids.clone();
    this.recency = recency;
    this.days = days;
    this.comparison = comparison;
    this.k = k;
  }

  /** True when a visitor who never realized any of the traits would pass. */
  boolean matchesZero() {
    return comparison.test(0, k);
  }

  @Override
  public boolean test(SegmentContext context) {
    long from;
    long to;
    switch (recency) {
      case WITHIN -> {
        from = context.today() - days + 1;
        to = context.today();
      }
      case BEFORE -> {
        from = Long.MIN_VALUE;
        to = context.today() - days;
      }
      default -> {
        from = Long.MIN_VALUE;
        to = Long.MAX_VALUE;
      }
    }
    long total = 0;
    for (int sid : sids) {
      long count = context.history().count(sid, from, to);
      if (count > 0) {
        total = total > Long.MAX_VALUE - count ? Long.MAX_VALUE : total + count;
      }
    }
    return comparison.test(total, k);
  }
}
