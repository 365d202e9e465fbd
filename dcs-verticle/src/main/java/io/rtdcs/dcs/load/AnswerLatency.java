package io.rtdcs.dcs.load;

/**
 * How long this dcs verticle's admitted calls took to answer lately (from admission to the answer,
 * calls that waited for the store only): a moving average over time ({@value #TAU_MS} ms time
 * constant) that decays toward zero while no such call is answered, so a node that deferred every
 * call for a while tries the whole flow again and measures anew. Confined to the verticle's event
 * loop.
 */
final class AnswerLatency {
  static final double TAU_MS = 200;

  private double ms;
  private long lastNanos;

  void record(double latencyMs, long nowNanos) {
    // after a long gap the new sample weighs (almost) alone, which is what the decay reads as well
    double dt = lastNanos == 0 ? TAU_MS * 10 : (nowNanos - lastNanos) / 1_000_000.0;
    ms += (latencyMs - ms) * (1 - Math.exp(-Math.max(dt, 0.001) / TAU_MS));
    lastNanos = nowNanos;
  }

  /** The average as of {@code nowNanos}: decayed by the time since the last answer. */
  double current(long nowNanos) {
    if (lastNanos == 0) {
      return 0;
    }
    double idle = Math.max(0, (nowNanos - lastNanos) / 1_000_000.0);
    return ms * Math.exp(-idle / (TAU_MS * 2.5));
  }
}
