package io.rtdcs.segment.outbound;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.json.JsonObject;

/**
 * The enqueue side's limits, from the {@code outbound} section of segment-verticle's config: {@code
 * maxQueued} (pushes in the cluster-wide outbox beyond which new ones are dropped), {@code
 * maxPendingWrites} (outstanding outbox writes per verticle instance).
 */
public record OutboxOptions(int maxQueued, int maxPendingWrites, long sizeRefreshMs) {
  public static final int DEFAULT_MAX_QUEUED = 100_000;
  public static final int DEFAULT_MAX_PENDING_WRITES = 1_000;

  public static OutboxOptions defaults() {
    return new OutboxOptions(DEFAULT_MAX_QUEUED, DEFAULT_MAX_PENDING_WRITES, 1_000);
  }

  /** Reads and validates; a bad value names the key ({@code outbound.maxQueued: ...}). */
  public static OutboxOptions fromJson(JsonObject json) {
    if (json == null) {
      return defaults();
    }
    ConfigValues c = new ConfigValues(json, "outbound");
    int maxQueued = c.intIn("maxQueued", DEFAULT_MAX_QUEUED, 0, 10_000_000);
    int maxPending = c.intIn("maxPendingWrites", DEFAULT_MAX_PENDING_WRITES, 0, 100_000);
    return new OutboxOptions(maxQueued, maxPending, 1_000);
  }
}
