package io.rtdcs.partner;

import java.util.Locale;

/**
 * What one partner client warm-up did: whether it ran (else {@code reason} says why not), how it
 * stopped, the lookups and batches it made, the {@code ok} partner outcomes, what reached the
 * throw-away partner, the last batch's latency and the whole warm-up's duration.
 */
record PartnerWarmupReport(
    boolean ran,
    String reason,
    int lookups,
    int batches,
    long okOutcomes,
    WarmupPartnerServer.Seen seen,
    BatchLatency last,
    long elapsedMs) {

  static PartnerWarmupReport of(
      LookupBatches.Result result, WarmupPartnerServer.Seen seen, long elapsedMs) {
    BatchLatency last = result.last() == null ? new BatchLatency(0, 0, 0) : result.last();
    return new PartnerWarmupReport(
        true,
        result.stop().toString(),
        result.lookups(),
        result.batches(),
        result.okOutcomes(),
        seen,
        last,
        elapsedMs);
  }

  static PartnerWarmupReport skipped(String reason, long elapsedMs) {
    return new PartnerWarmupReport(
        false,
        reason,
        0,
        0,
        0,
        WarmupPartnerServer.Seen.NONE,
        new BatchLatency(0, 0, 0),
        elapsedMs);
  }

  /** The one INFO line of the warm-up. */
  String logLine() {
    if (!ran) {
      return String.format("partner client warm-up skipped after %d ms: %s", elapsedMs, reason);
    }
    return String.format(
        Locale.ROOT,
        "partner client warm-up: %d lookups, %d partner calls (%d ok) in %d batches, %d ms, %s;"
            + " last batch p50 %.1f ms, p90 %.1f ms",
        lookups,
        seen.requests(),
        okOutcomes,
        batches,
        elapsedMs,
        reason,
        last.p50Ms(),
        last.p90Ms());
  }
}
