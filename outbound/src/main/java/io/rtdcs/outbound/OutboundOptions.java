package io.rtdcs.outbound;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.json.JsonObject;

/**
 * OutboundVerticle's config (the node's {@code outbound} section): {@code scanMs} (how often the
 * member looks at the pending pushes it owns), {@code timeoutMs} (hard deadline of one HTTP
 * attempt, AAM's 3000 ms), {@code maxInFlight} (messages in flight from this member), {@code
 * region} (the {@code AAM_Regions} value sent). The node refuses a key outside {@link #KEYS} at
 * start.
 */
public record OutboundOptions(int scanMs, int timeoutMs, int maxInFlight, int region) {
  public static final int DEFAULT_SCAN_MS = 50;
  public static final int DEFAULT_TIMEOUT_MS = 3_000;
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;
  public static final int DEFAULT_REGION = 7;

  /**
   * The keys of the node's {@code outbound} section: this verticle's and the enqueue side's ({@link
   * io.rtdcs.segment.outbound.OutboxOptions}).
   */
  public static final String[] KEYS = {
    "scanMs", "timeoutMs", "maxInFlight", "region", "maxQueued", "maxPendingWrites"
  };

  public static OutboundOptions fromJson(JsonObject json) {
    JsonObject c = json == null ? new JsonObject() : json;
    return new OutboundOptions(
        intIn(c, "scanMs", DEFAULT_SCAN_MS, 10, 60_000),
        intIn(c, "timeoutMs", DEFAULT_TIMEOUT_MS, 50, DEFAULT_TIMEOUT_MS),
        intIn(c, "maxInFlight", DEFAULT_MAX_IN_FLIGHT, 1, 10_000),
        intIn(c, "region", DEFAULT_REGION, 0, Integer.MAX_VALUE));
  }

  /**
   * An integer of the {@code outbound} section in min..max, named on error ({@link ConfigValues}).
   */
  static int intIn(JsonObject c, String key, int dflt, int min, int max) {
    return new ConfigValues(c, "outbound").intIn(key, dflt, min, max);
  }
}
