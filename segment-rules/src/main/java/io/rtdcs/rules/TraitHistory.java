package io.rtdcs.rules;

/**
 * What a segment rule may ask of a visitor's profile. Days are UTC epoch days ({@code epochMillis /
 * 86_400_000}).
 */
public interface TraitHistory {

  /** The trait is realized and not past its TTL. */
  boolean isLive(int sid);

  /**
   * Realizations of {@code sid} on days {@code fromDay..toDay}, both inclusive (live traits only).
   *
   * <p>Segment rules ask for open-ended ranges with {@code Long.MIN_VALUE} as {@code fromDay}
   * ({@code FREQUENCY([1T] >= 7D)}: everything up to 7 days ago) and {@code Long.MIN_VALUE ..
   * Long.MAX_VALUE} (no recency: every live realization). Implementations should intersect the
   * range with the days they keep rather than iterate over it, and beware of overflow in {@code
   * toDay - fromDay}. See docs/rules.md for the exact windows.
   */
  long count(int sid, long fromDay, long toDay);

  /** The visitor is currently in segment {@code segmentId} (segments of segments). */
  boolean inSegment(int segmentId);
}
