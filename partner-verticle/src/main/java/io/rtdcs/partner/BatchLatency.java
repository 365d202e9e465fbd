package io.rtdcs.partner;

import java.util.Arrays;

/** The latency of one warm-up batch: how many lookups it timed, and their p50 and p90 in ms. */
record BatchLatency(int count, double p50Ms, double p90Ms) {

  /** The percentiles of {@code nanos} (nearest rank; the array is sorted in place). */
  static BatchLatency of(long[] nanos, int count) {
    if (count <= 0) {
      return new BatchLatency(0, 0, 0);
    }
    Arrays.sort(nanos, 0, count);
    return new BatchLatency(count, ms(nanos, count, 0.5), ms(nanos, count, 0.9));
  }

  private static double ms(long[] sorted, int count, double quantile) {
    int rank = (int) Math.ceil(quantile * count);
    return sorted[Math.max(0, rank - 1)] / 1_000_000.0;
  }
}
