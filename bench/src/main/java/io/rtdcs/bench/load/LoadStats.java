package io.rtdcs.bench.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The tallies of one run: counts per {@link CallClass}, per error code and per failure reason, and
 * latency histograms (microseconds) overall, per class, for the answered calls (served + degraded)
 * and of the generator's own send lag. Thread-safe.
 */
final class LoadStats {
  private static final int SIGNIFICANT_DIGITS = 3;
  private final Histogram overall = new Histogram(SIGNIFICANT_DIGITS);
  private final Histogram answered = new Histogram(SIGNIFICANT_DIGITS);
  private final Histogram sendLag = new Histogram(SIGNIFICANT_DIGITS);
  private final Map<CallClass, Histogram> byClass = new EnumMap<>(CallClass.class);
  private final Map<CallClass, Long> counts = new EnumMap<>(CallClass.class);
  private final Map<Integer, Long> errorCodes = new TreeMap<>();
  private final Map<String, Long> failures = new TreeMap<>();
  private int maxRetryAfterSeconds = -1;

  LoadStats() {
    for (CallClass c : CallClass.values()) {
      byClass.put(c, new Histogram(SIGNIFICANT_DIGITS));
      counts.put(c, 0L);
    }
  }

  synchronized void record(CallOutcome outcome) {
    long latency = micros(outcome.latencyNanos());
    overall.recordValue(latency);
    byClass.get(outcome.callClass()).recordValue(latency);
    if (outcome.callClass() == CallClass.SERVED || outcome.callClass() == CallClass.DEGRADED) {
      answered.recordValue(latency);
    }
    sendLag.recordValue(micros(outcome.sendLagNanos()));
    counts.merge(outcome.callClass(), 1L, Long::sum);
    for (int code : outcome.body().errorCodes()) {
      errorCodes.merge(code, 1L, Long::sum);
    }
    if (!outcome.failure().isEmpty()) {
      int colon = outcome.failure().indexOf(':');
      failures.merge(
          colon < 0 ? outcome.failure() : outcome.failure().substring(0, colon), 1L, Long::sum);
    }
    maxRetryAfterSeconds = Math.max(maxRetryAfterSeconds, outcome.retryAfterSeconds());
  }

  private static long micros(long nanos) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
  }

  synchronized long count(CallClass c) {
    return counts.get(c);
  }

  synchronized Map<CallClass, Long> counts() {
    return new EnumMap<>(counts);
  }

  synchronized Map<Integer, Long> errorCodes() {
    return new TreeMap<>(errorCodes);
  }

  synchronized Map<String, Long> failures() {
    return new TreeMap<>(failures);
  }

  synchronized int maxRetryAfterSeconds() {
    return maxRetryAfterSeconds;
  }

  synchronized Map<CallClass, LatencySummary> latencyByClass() {
    Map<CallClass, LatencySummary> out = new EnumMap<>(CallClass.class);
    byClass.forEach((c, h) -> out.put(c, LatencySummary.of(h)));
    return out;
  }

  synchronized LatencySummary overall() {
    return LatencySummary.of(overall);
  }

  synchronized LatencySummary answered() {
    return LatencySummary.of(answered);
  }

  synchronized LatencySummary sendLag() {
    return LatencySummary.of(sendLag);
  }
}
