package io.rtdcs.bench.load;

import java.time.Duration;

/**
 * The intended start times of one run's calls, {@code start + i / rate} for {@code i} from 0 while
 * that is before {@code start + duration}, and how many of them are due at a given time. Pure
 * arithmetic on nanosecond timestamps of one monotonic clock.
 */
final class ArrivalSchedule {
  private static final double NANOS_PER_SECOND = 1e9;
  private final long startNanos;
  private final double ratePerSecond;
  private final long calls;

  ArrivalSchedule(long startNanos, double ratePerSecond, Duration duration) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be > 0 calls/s, got " + ratePerSecond);
    }
    this.startNanos = startNanos;
    this.ratePerSecond = ratePerSecond;
    this.calls = callCount(ratePerSecond, duration);
  }

  /** How many calls a run of {@code duration} at {@code ratePerSecond} issues (at least one). */
  static long callCount(double ratePerSecond, Duration duration) {
    double exact = ratePerSecond * duration.toNanos() / NANOS_PER_SECOND;
    return Math.max(1, (long) Math.ceil(exact - 1e-9));
  }

  long calls() {
    return calls;
  }

  long startNanos() {
    return startNanos;
  }

  /** When call {@code i} (0-based in this run) should start. */
  long intendedStartNanos(long i) {
    return startNanos + (long) (i * NANOS_PER_SECOND / ratePerSecond);
  }

  /** How many calls should have started by {@code nowNanos}: 0 to {@link #calls()}. */
  long dueBy(long nowNanos) {
    if (nowNanos < startNanos) {
      return 0;
    }
    long n =
        Math.min(calls, (long) ((nowNanos - startNanos) * ratePerSecond / NANOS_PER_SECOND) + 1);
    // the division above and intendedStartNanos round differently: settle on intendedStartNanos
    while (n < calls && intendedStartNanos(n) <= nowNanos) {
      n++;
    }
    while (n > 0 && intendedStartNanos(n - 1) > nowNanos) {
      n--;
    }
    return n;
  }
}
