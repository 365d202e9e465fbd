package io.rtdcs.partner;

/**
 * How long the partner client warm-up ({@link PartnerClientWarmup}) runs: batches of {@code
 * batchSize} lookups, {@code concurrency} at a time, until a batch's p90 latency is within {@code
 * settleRatio} of the previous batch's or below {@code settledBelowMs}, after at least {@code
 * minBatches} batches and at most {@code maxLookups} lookups or {@code maxDurationMs}. {@code port}
 * is the throw-away partner's port on 127.0.0.1 (0: any free one) and {@code answer} the body it
 * answers with (a partner answer; tests give it garbage). Validated at construction.
 */
record PartnerWarmupSettings(
    int batchSize,
    int concurrency,
    int minBatches,
    int maxLookups,
    long maxDurationMs,
    double settleRatio,
    double settledBelowMs,
    long lookupTimeoutMs,
    int port,
    String answer) {

  /** What the throw-away partner answers by default: a few segments, as a real partner would. */
  public static final String PARTNER_ANSWER =
      "{\"segments\":[\"warmup-1\",\"warmup-2\",\"warmup-3\"],\"ttl\":60}";

  /**
   * 50 lookups a batch, 4 at a time, 3 to 12 batches (each lookup calls 3 partners: at most 1,800
   * partner calls), at most 5 s; settled within 20 % or below 2 ms.
   */
  public static final PartnerWarmupSettings DEFAULT =
      new PartnerWarmupSettings(50, 4, 3, 600, 5_000, 0.2, 2.0, 1_000, 0, PARTNER_ANSWER);

  public PartnerWarmupSettings {
    require(batchSize >= 1 && batchSize <= 10_000, "batchSize: must be between 1 and 10000");
    require(
        concurrency >= 1 && concurrency <= batchSize,
        "concurrency: must be between 1 and batchSize");
    require(minBatches >= 1 && minBatches <= 1_000, "minBatches: must be between 1 and 1000");
    require(
        maxLookups >= batchSize && maxLookups <= 1_000_000,
        "maxLookups: must be between batchSize and 1000000");
    require(
        maxDurationMs >= 1 && maxDurationMs <= 60_000,
        "maxDurationMs: must be between 1 and 60000");
    require(settleRatio >= 0 && settleRatio <= 1, "settleRatio: must be between 0 and 1");
    require(
        settledBelowMs >= 0 && settledBelowMs <= 1_000,
        "settledBelowMs: must be between 0 and 1000");
    require(
        lookupTimeoutMs >= 20 && lookupTimeoutMs <= 10_000,
        "lookupTimeoutMs: must be between 20 and 10000");
    require(port >= 0 && port <= 65_535, "port: must be between 0 and 65535");
    require(answer != null, "answer: must not be null");
  }

  /** These settings with the throw-away partner on {@code port}. */
  public PartnerWarmupSettings withPort(int port) {
    return new PartnerWarmupSettings(
        batchSize,
        concurrency,
        minBatches,
        maxLookups,
        maxDurationMs,
        settleRatio,
        settledBelowMs,
        lookupTimeoutMs,
        port,
        answer);
  }

  /** These settings with the throw-away partner answering {@code answer}. */
  public PartnerWarmupSettings withAnswer(String answer) {
    return new PartnerWarmupSettings(
        batchSize,
        concurrency,
        minBatches,
        maxLookups,
        maxDurationMs,
        settleRatio,
        settledBelowMs,
        lookupTimeoutMs,
        port,
        answer);
  }

  /** These settings with a run of at most {@code maxDurationMs}. */
  public PartnerWarmupSettings withMaxDurationMs(long maxDurationMs) {
    return new PartnerWarmupSettings(
        batchSize,
        concurrency,
        minBatches,
        maxLookups,
        maxDurationMs,
        settleRatio,
        settledBelowMs,
        lookupTimeoutMs,
        port,
        answer);
  }

  /**
   * Whether latency has settled with {@code current}, the batch after {@code previous}: its p90 is
   * below {@code settledBelowMs}, or within {@code settleRatio} of the previous p90.
   */
  public boolean settled(BatchLatency previous, BatchLatency current) {
    if (current.p90Ms() < settledBelowMs) {
      return true;
    }
    return previous != null
        && Math.abs(current.p90Ms() - previous.p90Ms()) <= settleRatio * previous.p90Ms();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
