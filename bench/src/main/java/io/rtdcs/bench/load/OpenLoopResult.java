package io.rtdcs.bench.load;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The figures of one open-loop run: the rate offered and the rate the generator managed to send at,
 * the calls per {@link CallClass}, per error code ({@code errors[].code} of all answers) and per
 * failure reason, latency percentiles (from each call's intended start) overall, for the answered
 * calls (served + degraded) and per class, and the generator's own send lag: when {@link
 * #sendLag()}'s maximum is more than a few milliseconds the client was overloaded and the run
 * measures it as much as the server.
 */
public final class OpenLoopResult {
  private final double offeredRate;
  private final double achievedSendRate;
  private final Duration duration;
  private final long sent;
  private final Map<CallClass, Long> counts;
  private final Map<Integer, Long> errorCodes;
  private final Map<String, Long> failures;
  private final int maxRetryAfterSeconds;
  private final Map<CallClass, LatencySummary> latency;
  private final LatencySummary overall;
  private final LatencySummary answered;
  private final LatencySummary sendLag;

  OpenLoopResult(
      double offeredRate, double achievedSendRate, Duration duration, long sent, LoadStats stats) {
    this.offeredRate = offeredRate;
    this.achievedSendRate = achievedSendRate;
    this.duration = duration;
    this.sent = sent;
    this.counts = Collections.unmodifiableMap(stats.counts());
    this.errorCodes = Collections.unmodifiableMap(stats.errorCodes());
    this.failures = Collections.unmodifiableMap(stats.failures());
    this.maxRetryAfterSeconds = stats.maxRetryAfterSeconds();
    this.latency = Collections.unmodifiableMap(stats.latencyByClass());
    this.overall = stats.overall();
    this.answered = stats.answered();
    this.sendLag = stats.sendLag();
  }

  /** Calls per second asked for. */
  public double offeredRate() {
    return offeredRate;
  }

  /**
   * Calls per second actually sent: below {@link #offeredRate()} when the generator fell behind.
   */
  public double achievedSendRate() {
    return achievedSendRate;
  }

  /** The span of intended start times. */
  public Duration duration() {
    return duration;
  }

  /** Calls sent (every one of them finished: answered, failed or timed out). */
  public long sent() {
    return sent;
  }

  public long count(CallClass callClass) {
    return counts.get(callClass);
  }

  /**
   * How many answers carried each {@code errors[].code}, whatever their status (a 200's 201, a
   * 429's 203; one answer may carry several).
   */
  public Map<Integer, Long> errorCodeCounts() {
    return errorCodes;
  }

  /** {@link CallClass#FAILED} calls per reason: "timeout", "status 500", an exception's name. */
  public Map<String, Long> failureCounts() {
    return failures;
  }

  /** The largest {@code Retry-After} of a 429, in seconds, or -1 when none came. */
  public int maxRetryAfterSeconds() {
    return maxRetryAfterSeconds;
  }

  public LatencySummary latency(CallClass callClass) {
    return latency.get(callClass);
  }

  /** Latency of every call, whatever became of it. */
  public LatencySummary overallLatency() {
    return overall;
  }

  /** Latency of the {@link CallClass#SERVED} and {@link CallClass#DEGRADED} calls together. */
  public LatencySummary answeredLatency() {
    return answered;
  }

  /** How late the generator sent the calls after their intended start. */
  public LatencySummary sendLag() {
    return sendLag;
  }

  public JsonObject toJson() {
    JsonObject latencies =
        new JsonObject().put("all", overall.toJson()).put("answered", answered.toJson());
    JsonObject json =
        new JsonObject()
            .put("offered_rps", round(offeredRate))
            .put("sent_rps", round(achievedSendRate))
            .put("duration_s", duration.toMillis() / 1000.0)
            .put("sent", sent);
    for (CallClass c : CallClass.values()) {
      json.put(name(c), counts.get(c));
      latencies.put(name(c), latency.get(c).toJson());
    }
    JsonObject codes = new JsonObject();
    errorCodes.forEach((code, n) -> codes.put(Integer.toString(code), n));
    JsonObject reasons = new JsonObject();
    failures.forEach(reasons::put);
    return json.put("error_codes", codes)
        .put("failures", reasons)
        .put("max_retry_after_s", maxRetryAfterSeconds)
        .put("latency_ms", latencies)
        .put("send_lag_ms", sendLag.toJson());
  }

  /** A few lines for a person: the rates, the counts, the latencies. */
  public List<String> summaryLines() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "offered %.1f/s, sent %.1f/s over %.1f s: %d calls, %d served, %d degraded %s,"
                + " %d refused, %d failed %s",
            offeredRate,
            achievedSendRate,
            duration.toMillis() / 1000.0,
            sent,
            count(CallClass.SERVED),
            count(CallClass.DEGRADED),
            errorCodes,
            count(CallClass.REFUSED),
            count(CallClass.FAILED),
            failures));
    lines.add("latency, all calls:      " + overall);
    lines.add("latency, served+degraded: " + answered);
    for (CallClass c : CallClass.values()) {
      if (counts.get(c) > 0) {
        lines.add(String.format("latency, %-15s %s", name(c) + ":", latency.get(c)));
      }
    }
    lines.add("send lag (generator):     " + sendLag);
    return lines;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }

  private static String name(CallClass c) {
    return c.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static double round(double rate) {
    return Math.round(rate * 10) / 10.0;
  }
}
