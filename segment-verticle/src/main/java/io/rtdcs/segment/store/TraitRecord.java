package io.rtdcs.segment.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * One realized trait in a profile: first and last realization, total count, the TTL it was realized
 * with, and per-UTC-day counters for the recency/frequency windows in use.
 */
public final class TraitRecord {
  public static final long DAY_MILLIS = 86_400_000L;

  private final int sid;
  private long firstRealized;
  private long lastRealized;
  private long count;
  private int ttlDays;

  /** UTC epoch day -> realizations that day; only days inside the trait's window are kept. */
  private final TreeMap<Long, Long> dailyCounts = new TreeMap<>();

  public TraitRecord(int sid, long firstRealized, long lastRealized, long count, int ttlDays) {
    this.sid = sid;
    this.firstRealized = firstRealized;
    this.lastRealized = lastRealized;
    this.count = count;
    this.ttlDays = ttlDays;
  }

  /** An independent copy (day counters included). */
  public TraitRecord copy() {
    TraitRecord c = new TraitRecord(sid, firstRealized, lastRealized, count, ttlDays);
    c.dailyCounts.putAll(dailyCounts);
    return c;
  }

  public static long epochDay(long millis) {
    return Math.floorDiv(millis, DAY_MILLIS);
  }

  public int sid() {
    return sid;
  }

  public long firstRealized() {
    return firstRealized;
  }

  public long lastRealized() {
    return lastRealized;
  }

  public long count() {
    return count;
  }

  public int ttlDays() {
    return ttlDays;
  }

  /** When the trait stops being live; {@link Long#MAX_VALUE} for a trait that never expires. */
  public long expiresAt() {
    return ttlDays == 0 ? Long.MAX_VALUE : lastRealized + ttlDays * DAY_MILLIS;
  }

  public boolean isLive(long now) {
    return now < expiresAt();
  }

  public Map<Long, Long> dailyCounts() {
    return dailyCounts;
  }

  /**
   * Counts one more realization at {@code now}; renews the TTL. {@code maxCount} caps the count
   * (onboarded traits count once). Keeps day counters only for {@code windowDays}.
   */
  public void realize(long now, int ttlDays, long maxCount, int windowDays) {
    this.lastRealized = Math.max(lastRealized, now);
    this.ttlDays = ttlDays;
    if (count < maxCount) {
      count++;
      if (windowDays > 0) {
        dailyCounts.merge(epochDay(now), 1L, Long::sum);
      }
    }
    trimDays(now, windowDays);
  }

  /** Drops day counters older than {@code windowDays} before today. */
  public void trimDays(long now, int windowDays) {
    if (windowDays <= 0) {
      dailyCounts.clear();
      return;
    }
    long oldest = epochDay(now) - windowDays;
    dailyCounts.headMap(oldest, false).clear();
  }

  /**
   * Realizations on UTC days {@code fromDay..toDay}. Exact when the range reaches back to the first
   * realization (total minus the kept days after {@code toDay}) or lies inside the kept window.
   */
  public long count(long fromDay, long toDay) {
    if (fromDay > toDay) {
      return 0;
    }
    long firstDay = epochDay(firstRealized);
    if (fromDay <= firstDay) {
      long after = 0;
      for (long c : dailyCounts.tailMap(toDay, false).values()) {
        after += c;
      }
      if (toDay >= epochDay(lastRealized)) {
        return count;
      }
      return Math.max(0, count - after);
    }
    long sum = 0;
    for (long c : dailyCounts.subMap(fromDay, true, toDay, true).values()) {
      sum += c;
    }
    return sum;
  }

  void setDay(long day, long dayCount) {
    dailyCounts.put(day, dayCount);
  }
}
