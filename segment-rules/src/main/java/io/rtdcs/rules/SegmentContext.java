package io.rtdcs.rules;

/** What a segment condition reads: the visitor's history and today's UTC epoch day. */
record SegmentContext(TraitHistory history, long today) {

  static final long MILLIS_PER_DAY = 86_400_000L;

  static long epochDay(long epochMillis) {
    return Math.floorDiv(epochMillis, MILLIS_PER_DAY);
  }
}
