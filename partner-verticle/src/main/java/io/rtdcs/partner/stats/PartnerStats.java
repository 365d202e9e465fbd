package io.rtdcs.partner.stats;

import io.rtdcs.partner.client.PartnerOutcome;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * In-memory per-partner counters of one node (calls by outcome, latency sum and max, calls in
 * flight), shared by every verticle instance so a metrics registry can read them later.
 */
public final class PartnerStats implements Shareable {
  private static final String LOCAL_MAP = "rtdcs.partner.stats";
  private static final String KEY = "stats";

  private final Map<Integer, PartnerCounters> partners = new ConcurrentHashMap<>();

  /** The node's instance, created on first use. */
  public static PartnerStats of(Vertx vertx) {
    return (PartnerStats)
        vertx
            .sharedData()
            .<String, Shareable>getLocalMap(LOCAL_MAP)
            .computeIfAbsent(KEY, k -> new PartnerStats());
  }

  public PartnerCounters partner(int dpid) {
    return partners.computeIfAbsent(dpid, d -> new PartnerCounters());
  }

  public void record(int dpid, PartnerOutcome outcome, long latencyMs) {
    partner(dpid).record(outcome, latencyMs);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    partners.forEach((dpid, c) -> json.put(Integer.toString(dpid), c.toJson()));
    return json;
  }

  /** Counters of one partner. */
  public static final class PartnerCounters {
    private final Map<PartnerOutcome, LongAdder> byOutcome = new EnumMap<>(PartnerOutcome.class);
    private final LongAdder latencySum = new LongAdder();
    private final LongAdder latencyCount = new LongAdder();
    private final LongAccumulator latencyMax = new LongAccumulator(Math::max, 0);
    private final AtomicInteger inFlight = new AtomicInteger();

    PartnerCounters() {
      for (PartnerOutcome o : PartnerOutcome.values()) {
        byOutcome.put(o, new LongAdder());
      }
    }

    void record(PartnerOutcome outcome, long latencyMs) {
      byOutcome.get(outcome).increment();
      if (outcome != PartnerOutcome.CACHED && outcome != PartnerOutcome.SKIPPED) {
        latencySum.add(latencyMs);
        latencyCount.increment();
        latencyMax.accumulate(latencyMs);
      }
    }

    public long count(PartnerOutcome outcome) {
      return byOutcome.get(outcome).sum();
    }

    public long latencySumMs() {
      return latencySum.sum();
    }

    public long latencyCount() {
      return latencyCount.sum();
    }

    public long latencyMaxMs() {
      return latencyMax.get();
    }

    /** Calls to this partner in flight on this node (the maxInFlight counter). */
    public AtomicInteger inFlight() {
      return inFlight;
    }

    public JsonObject toJson() {
      JsonObject outcomes = new JsonObject();
      byOutcome.forEach((o, n) -> outcomes.put(o.wire(), n.sum()));
      return new JsonObject()
          .put("outcomes", outcomes)
          .put("latencySumMs", latencySumMs())
          .put("latencyCount", latencyCount())
          .put("latencyMaxMs", latencyMaxMs())
          .put("inFlight", inFlight.get());
    }
  }
}
