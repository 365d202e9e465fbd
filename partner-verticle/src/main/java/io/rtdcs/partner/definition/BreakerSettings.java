package io.rtdcs.partner.definition;

import io.vertx.core.json.JsonObject;

/** Circuit-breaker thresholds of one partner ({@code breaker} in the definition). */
public record BreakerSettings(int maxFailures, long resetTimeoutMs, long windowMs) {
  public static final int DEFAULT_MAX_FAILURES = 5;
  public static final long DEFAULT_RESET_TIMEOUT_MS = 5_000;
  public static final long DEFAULT_WINDOW_MS = 10_000;

  public static final BreakerSettings DEFAULTS =
      new BreakerSettings(DEFAULT_MAX_FAILURES, DEFAULT_RESET_TIMEOUT_MS, DEFAULT_WINDOW_MS);

  static BreakerSettings fromJson(JsonObject json, String field) {
    if (json == null) {
      return DEFAULTS;
    }
    JsonFields f = new JsonFields(json, field);
    return new BreakerSettings(
        (int) f.integer("maxFailures", 1, 10_000, (long) DEFAULT_MAX_FAILURES),
        f.integer("resetTimeoutMs", 1, 3_600_000, DEFAULT_RESET_TIMEOUT_MS),
        f.integer("windowMs", 100, 3_600_000, DEFAULT_WINDOW_MS));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("maxFailures", maxFailures)
        .put("resetTimeoutMs", resetTimeoutMs)
        .put("windowMs", windowMs);
  }
}
