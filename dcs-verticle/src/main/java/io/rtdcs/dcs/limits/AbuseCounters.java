package io.rtdcs.dcs.limits;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the abuse limits refused on this node, as plain counters (a metrics registry can expose the
 * getters as gauges or function counters).
 */
public final class AbuseCounters {
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder denyListed = new LongAdder();
  private final LongAdder deniedCalls = new LongAdder();

  /** Calls answered 429 (the client's bucket was empty). */
  public long rateLimited() {
    return rateLimited.sum();
  }

  /** Visitor ids put on the deny list. */
  public long denyListed() {
    return denyListed.sum();
  }

  /** Calls refused with error 306 (their visitor id was deny-listed). */
  public long deniedCalls() {
    return deniedCalls.sum();
  }

  void countRateLimited() {
    rateLimited.increment();
  }

  void countDenyListed() {
    denyListed.increment();
  }

  void countDeniedCall() {
    deniedCalls.increment();
  }
}
