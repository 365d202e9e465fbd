package io.rtdcs.bench.load;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in milliseconds (the histogram holds microseconds, three
 * significant digits). All zero when {@code count} is 0.
 */
public record LatencySummary(
    long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {

  static LatencySummary of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new LatencySummary(0, 0, 0, 0, 0, 0);
    }
    return new LatencySummary(
        micros.getTotalCount(),
        ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(90)),
        ms(micros.getValueAtPercentile(99)),
        ms(micros.getValueAtPercentile(99.9)),
        ms(micros.getMaxValue()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("count", count)
        .put("p50", p50Ms)
        .put("p90", p90Ms)
        .put("p99", p99Ms)
        .put("p99_9", p999Ms)
        .put("max", maxMs);
  }

  @Override
  public String toString() {
    return String.format(
        "n=%d p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f ms",
        count, p50Ms, p90Ms, p99Ms, p999Ms, maxMs);
  }
}
