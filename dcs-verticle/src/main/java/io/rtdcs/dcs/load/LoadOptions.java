package io.rtdcs.dcs.load;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.json.JsonObject;

/**
 * How the node keeps what it collected and protects its deadline past capacity (the verticle
 * config's {@code collection.*} and {@code admission.*} keys; {@code dcs.*} in the node config;
 * docs/operations.md, "Overload"). Validated at construction; errors name the key.
 *
 * <ul>
 *   <li>{@code collection.retryForMs} (30000): how long a call's realization is retried (same tid,
 *       so never counted twice) after a failure or a timeout, whatever its answer said.
 *   <li>{@code collection.attemptTimeoutMs} (2000): how long one attempt waits for the store.
 *   <li>{@code collection.maxPending} (20000): calls accepted on this node and not stored yet (in
 *       flight, or answered with their realization still being delivered); at the bound new calls
 *       are refused (429), never dropped after being accepted.
 *   <li>{@code collection.holdLeadMs} (10): how long before the deadline a call whose realization
 *       is still on its way is held in the cluster ({@code rtdcs.pending}), so that the hold is
 *       normally acknowledged before the answer leaves without the realization.
 *   <li>{@code admission.enabled} (true): the degradation below; off, every call is admitted.
 *   <li>{@code admission.skipPartnersLagMs} (15), {@code admission.deferSegmentsLagMs} (30), {@code
 *       admission.refuseLagMs} (60): the event-loop delay at which a call is answered without
 *       asking partners (error 201), then without waiting for its traits and segments (error 202,
 *       still collected), then refused (429, error 203).
 *   <li>{@code admission.maxInFlight} (1000): calls being answered on this node; from half of it
 *       partners are skipped, from three quarters segments are deferred, at it calls are refused.
 *   <li>{@code admission.retryAfterSeconds} (1): the refusal's {@code Retry-After}.
 * </ul>
 */
public record LoadOptions(
    long retryForMs,
    long attemptTimeoutMs,
    int maxPending,
    long holdLeadMs,
    boolean admissionEnabled,
    long skipPartnersLagMs,
    long deferSegmentsLagMs,
    long refuseLagMs,
    int maxInFlight,
    long retryAfterSeconds) {

  public LoadOptions {
    require(attemptTimeoutMs <= retryForMs, "collection.attemptTimeoutMs", "must be <= retryForMs");
    require(
        skipPartnersLagMs <= deferSegmentsLagMs && deferSegmentsLagMs <= refuseLagMs,
        "admission.skipPartnersLagMs",
        "skipPartnersLagMs <= deferSegmentsLagMs <= refuseLagMs must hold");
  }

  public static LoadOptions defaults() {
    return from(new JsonObject());
  }

  public static LoadOptions from(JsonObject config) {
    return from(new ConfigValues(config));
  }

  /** Reads through {@code c}, which remembers the keys (see {@link ConfigValues#rejectUnknown}). */
  public static LoadOptions from(ConfigValues c) {
    return new LoadOptions(
        c.longIn("collection.retryForMs", 30_000, 1_000, 300_000),
        c.longIn("collection.attemptTimeoutMs", 2_000, 100, 30_000),
        c.intIn("collection.maxPending", 20_000, 10, 10_000_000),
        c.longIn("collection.holdLeadMs", 10, 0, 10_000),
        c.bool("admission.enabled", true),
        c.longIn("admission.skipPartnersLagMs", 10, 1, 60_000),
        c.longIn("admission.deferSegmentsLagMs", 20, 1, 60_000),
        c.longIn("admission.refuseLagMs", 40, 1, 60_000),
        c.intIn("admission.maxInFlight", 1_000, 4, 1_000_000),
        c.longIn("admission.retryAfterSeconds", 1, 1, 3_600));
  }

  private static void require(boolean ok, String key, String message) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": " + message);
    }
  }
}
