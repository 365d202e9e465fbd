package io.rtdcs.store;

import com.hazelcast.core.HazelcastInstance;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One member's write-behind backlog against {@code store.writeBehindLimit}: the profiles and links
 * it holds waiting to be written to the database (they pile up while the database is slow or down,
 * evicted from memory or not). The node measures the backlog every second ({@link #measured}); the
 * profile and link processors, which run at the key's owner, ask {@link #admit} before they write
 * visitor data, so that past the limit new data is refused and counted instead of queued without
 * bound. Privacy actions are never refused. Found through the member's user context ({@link #of});
 * absent with the memory backend (nothing is written behind).
 */
public final class WriteBacklog {
  static final String USER_CONTEXT_KEY = "rtdcs.store.writeBacklog";

  private final long limit;
  private volatile long waiting;
  private final LongAdder refused = new LongAdder();

  public WriteBacklog(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException(
          "store.writeBehindLimit: must be at least 1, was " + limit);
    }
    this.limit = limit;
  }

  /**
   * Puts {@code backlog} into a member's user context ({@code Config#getUserContext()} before the
   * member starts, {@code HazelcastInstance#getUserContext()} after).
   */
  public static void install(ConcurrentMap<String, Object> userContext, WriteBacklog backlog) {
    userContext.put(USER_CONTEXT_KEY, backlog);
  }

  /** The member's backlog, or null when nothing is written behind. */
  public static WriteBacklog of(HazelcastInstance hz) {
    return hz == null ? null : (WriteBacklog) hz.getUserContext().get(USER_CONTEXT_KEY);
  }

  /** The entries now waiting on this member (the write-behind queues of what it owns). */
  public void measured(long entries) {
    this.waiting = entries;
  }

  /** Throws {@link StoreFullException} (and counts it) when the backlog is at its limit. */
  public void admit() {
    long w = waiting;
    if (w >= limit) {
      refused.increment();
      throw new StoreFullException(w, limit);
    }
  }

  public long waiting() {
    return waiting;
  }

  public long limit() {
    return limit;
  }

  public long refused() {
    return refused.sum();
  }

  public boolean isFull() {
    return waiting >= limit;
  }
}
