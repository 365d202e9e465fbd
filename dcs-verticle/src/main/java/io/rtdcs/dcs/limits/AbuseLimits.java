package io.rtdcs.dcs.limits;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.time.Clock;
import java.time.Duration;

/**
 * The node's rate-limit buckets, deny list and counters, shared by every DCS instance of one Vertx
 * (a client's connections may land on different instances).
 */
public final class AbuseLimits implements Shareable {
  private static final String MAP = "rtdcs.dcs.limits";
  private static final String COUNTERS = "counters";

  private final TokenBuckets buckets;
  private final DenyList denyList;
  private final AbuseCounters counters;

  AbuseLimits(LimitsOptions options, Clock clock, AbuseCounters counters) {
    this.counters = counters;
    this.buckets =
        new TokenBuckets(
            clock,
            options.burst(),
            options.ratePerSecond(),
            Duration.ofSeconds(1),
            options.maxClients(),
            true);
    this.denyList = options.denyThreshold() == 0 ? null : new DenyList(options, clock, counters);
  }

  /** The instance of {@code vertx} for these options (created by the first caller). */
  public static AbuseLimits shared(Vertx vertx, LimitsOptions options, Clock clock) {
    AbuseCounters counters = counters(vertx);
    return (AbuseLimits)
        vertx
            .sharedData()
            .<String, Shareable>getLocalMap(MAP)
            .computeIfAbsent(
                options.toString() + "@" + System.identityHashCode(clock),
                k -> new AbuseLimits(options, clock, counters));
  }

  /** The node's abuse counters (one per Vertx, whatever the options). */
  public static AbuseCounters counters(Vertx vertx) {
    return ((CountersHolder)
            vertx
                .sharedData()
                .<String, Shareable>getLocalMap(MAP)
                .computeIfAbsent(COUNTERS, k -> new CountersHolder(new AbuseCounters())))
        .counters();
  }

  public TokenBuckets buckets() {
    return buckets;
  }

  /** Null when deny-listing is disabled. */
  public DenyList denyList() {
    return denyList;
  }

  public AbuseCounters counters() {
    return counters;
  }

  private record CountersHolder(AbuseCounters counters) implements Shareable {}
}
