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
   */
  long count(int sid, long fromDay, long toDay);

  /** The visitor is currently in segment {@code segmentId} (segments of segments). */
  boolean inSegment(int segmentId);
}
