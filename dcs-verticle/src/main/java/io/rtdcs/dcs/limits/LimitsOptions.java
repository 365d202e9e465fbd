package io.rtdcs.dcs.limits;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Abuse limits of {@code /event} and {@code /ibs} (the verticle config's {@code limits} section;
 * {@code dcs.limits.*} in the node config). Validated at construction; errors name the key.
 *
 * <ul>
 *   <li>{@code limits.enabled} (false): per-client token buckets (off by default: load tests and
 *       proxies without {@code trustedProxies} would look like one abusive client).
 *   <li>{@code limits.key} ({@code address}): what a client is: {@code address} (the client
 *       address, see {@code trustedProxies}) or {@code uuid} (the visitor cookie or {@code d_uuid},
 *       else the address).
 *   <li>{@code limits.ratePerSecond} (20) / {@code limits.burst} (100): refill rate and size of a
 *       client's bucket.
 *   <li>{@code limits.maxClients} (100000): buckets kept; the least recently used go first.
 *   <li>{@code limits.denyList.threshold} (300) calls of one visitor id within {@code
 *       limits.denyList.windowSeconds} (60) deny-list it for {@code limits.denyList.seconds}
 *       (3600); {@code limits.denyList.threshold} 0 disables deny-listing.
 * </ul>
 */
public record LimitsOptions(
    boolean enabled,
    boolean byUuid,
    long ratePerSecond,
    long burst,
    long maxClients,
    long denyThreshold,
    long denyWindowSeconds,
    long denySeconds) {

  public static LimitsOptions from(JsonObject config) {
    return from(new ConfigValues(config));
  }

  /** Reads through {@code c}, which remembers the keys (see {@link ConfigValues#rejectUnknown}). */
  public static LimitsOptions from(ConfigValues c) {
    return new LimitsOptions(
        c.bool("limits.enabled", false),
        c.oneOf("limits.key", "address", List.of("address", "uuid")).equals("uuid"),
        c.longIn("limits.ratePerSecond", 20, 1, 1_000_000),
        c.longIn("limits.burst", 100, 1, 10_000_000),
        c.longIn("limits.maxClients", 100_000, 1, 100_000_000),
        c.longIn("limits.denyList.threshold", 0, 0, 100_000_000),
        c.longIn("limits.denyList.windowSeconds", 60, 1, 86_400),
        c.longIn("limits.denyList.seconds", 3600, 1, 30 * 86_400L));
  }
}
