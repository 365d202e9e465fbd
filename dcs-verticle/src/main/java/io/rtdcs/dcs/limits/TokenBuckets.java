package io.rtdcs.dcs.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * One Bucket4j token bucket per key, in a Caffeine map bounded by size and expiring a bucket once
 * it would be full again (so an idle client costs nothing). Time comes from the injected {@link
 * Clock}. Thread-safe: the DCS instances of a node share one.
 */
public final class TokenBuckets {
  private final Cache<String, Bucket> buckets;
  private final TimeMeter time;
  private final long capacity;
  private final long refillTokens;
  private final Duration refillPeriod;
  private final boolean greedy;

  /**
   * @param capacity tokens a bucket holds (the burst)
   * @param refillTokens tokens added per {@code refillPeriod}
   * @param greedy refill continuously (rate limits) or all at once per period (counting windows)
   */
  public TokenBuckets(
      Clock clock,
      long capacity,
      long refillTokens,
      Duration refillPeriod,
      long maxKeys,
      boolean greedy) {
    Objects.requireNonNull(clock, "clock");
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
    this.capacity = capacity;
    this.refillTokens = refillTokens;
    this.refillPeriod = refillPeriod;
    this.greedy = greedy;
    Duration full =
        Duration.ofNanos(
            Math.max(
                refillPeriod.toNanos(),
                (long) Math.ceil((double) capacity / refillTokens) * refillPeriod.toNanos()));
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxKeys)
            .expireAfterAccess(full)
            .ticker(time::currentTimeNanos)
            .executor(Runnable::run)
            .build();
  }

  /** Takes one token of {@code key}'s bucket. */
  public ConsumptionProbe take(String key) {
    return buckets.get(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
  }

  /** Buckets currently kept (for tests and metrics). */
  public long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            limit ->
                greedy
                    ? limit.capacity(capacity).refillGreedy(refillTokens, refillPeriod)
                    : limit.capacity(capacity).refillIntervally(refillTokens, refillPeriod))
        .withCustomTimePrecision(time)
        .build();
  }
}
