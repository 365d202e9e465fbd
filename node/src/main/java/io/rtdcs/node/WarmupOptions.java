package io.rtdcs.node;

import io.rtdcs.common.ConfigValues;
import io.rtdcs.dcs.load.LoadOptions;
import io.vertx.core.json.JsonObject;

/**
 * The node's warm-up before it reports ready ({@code dcs.warmup.*}): {@code enabled} (true) and
 * {@code maxSeconds} (20, 1..300), the longest it may take. Validated at start. {@code quietLagMs}:
 * the event-loop delay below which admission control admits a call whole ({@code
 * dcs.admission.skipPartnersLagMs}; 0 with admission off), which the warm-up waits for before the
 * node reports ready.
 */
record WarmupOptions(boolean enabled, long maxSeconds, boolean tls, long quietLagMs) {

  static WarmupOptions from(JsonObject dcs) {
    return from(new ConfigValues(dcs));
  }

  /** Reads through {@code c}, which remembers the keys (see {@link ConfigValues#rejectUnknown}). */
  static WarmupOptions from(ConfigValues c) {
    return new WarmupOptions(
        c.bool("warmup.enabled", true),
        c.longIn("warmup.maxSeconds", 20, 1, 300),
        c.string("tls.certPath", null) != null,
        quietLag(LoadOptions.from(c)));
  }

  private static long quietLag(LoadOptions load) {
    return load.admissionEnabled() ? load.skipPartnersLagMs() : 0;
  }
}
