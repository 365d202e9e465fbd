package io.rtdcs.node;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.json.JsonObject;

/**
 * The node's warm-up before it reports ready ({@code dcs.warmup.*}): {@code enabled} (true) and
 * {@code maxSeconds} (20, 1..300), the longest it may take. Validated at start.
 */
record WarmupOptions(boolean enabled, long maxSeconds, boolean tls) {

  static WarmupOptions from(JsonObject dcs) {
    return from(new ConfigValues(dcs));
  }

  /** Reads through {@code c}, which remembers the keys (see {@link ConfigValues#rejectUnknown}). */
  static WarmupOptions from(ConfigValues c) {
    return new WarmupOptions(
        c.bool("warmup.enabled", true),
        c.longIn("warmup.maxSeconds", 20, 1, 300),
        c.string("tls.certPath", null) != null);
  }
}
