package io.rtdcs.dcs.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * AAM's deny-listing of device ids: a visitor id seen more than {@code threshold} times within a
 * window is refused (error 306) for a while. Counting uses one fixed-window bucket per id; the deny
 * list is a bounded map whose entries expire after the deny time.
 */
public final class DenyList {
  private final TokenBuckets windows;
  private final Cache<String, Long> denied;
  private final Clock clock;
  private final AbuseCounters counters;
  private final long denyMillis;

  public DenyList(LimitsOptions options, Clock clock, AbuseCounters counters) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.denyMillis = options.denySeconds() * 1000;
    long threshold = Math.max(1, options.denyThreshold());
    this.windows =
        new TokenBuckets(
            clock,
            threshold,
            threshold,
            Duration.ofSeconds(options.denyWindowSeconds()),
            options.maxClients(),
            false);
    this.denied =
        Caffeine.newBuilder()
            .maximumSize(options.maxClients())
            .expireAfterWrite(Duration.ofMillis(denyMillis))
            .ticker(() -> clock.millis() * 1_000_000L)
            .executor(Runnable::run)
            .build();
  }

  /** Counts one call of {@code visitorId}; true when the id is (now) deny-listed. */
  public boolean seen(String visitorId) {
    if (denied.getIfPresent(visitorId) != null) {
      counters.countDeniedCall();
      return true;
    }
    if (!windows.take(visitorId).isConsumed()) {
      denied.put(visitorId, clock.millis() + denyMillis);
      counters.countDenyListed();
      counters.countDeniedCall();
      return true;
    }
    return false;
  }
}
