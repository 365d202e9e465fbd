package io.rtdcs.partner.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.rtdcs.common.Meters;
import io.rtdcs.partner.client.PartnerOutcome;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * In-memory per-partner counters of one node (calls by outcome, latency sum and max, calls in
 * flight, breaker state), shared by every verticle instance, and the same in the node's Micrometer
 * registry ({@link Meters}): {@code rtdcs_partner_call_seconds{dpid}} (histogram, p50/p99), {@code
 * rtdcs_partner_calls_total{dpid,outcome}}, {@code rtdcs_partner_breaker_state{dpid}} (0 closed, 1
 * half-open, 2 open) and {@code rtdcs_partner_in_flight{dpid}}.
 */
public final class PartnerStats implements Shareable {
  private static final String LOCAL_MAP = "rtdcs.partner.stats";
  private static final String KEY = "stats";

  /** Breaker states as the gauge reports them. */
  public static final int BREAKER_CLOSED = 0;

  public static final int BREAKER_HALF_OPEN = 1;
  public static final int BREAKER_OPEN = 2;

  private final Map<Integer, PartnerCounters> partners = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  public PartnerStats() {
    this(new CompositeMeterRegistry());
  }

  public PartnerStats(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The node's instance, created on first use. */
  public static PartnerStats of(Vertx vertx) {
    return (PartnerStats)
        vertx
            .sharedData()
            .<String, Shareable>getLocalMap(LOCAL_MAP)
            .computeIfAbsent(KEY, k -> new PartnerStats(Meters.registry(vertx)));
  }

  public PartnerCounters partner(int dpid) {
    return partners.computeIfAbsent(dpid, d -> new PartnerCounters(registry, d));
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
    private final AtomicInteger breakerState = new AtomicInteger(BREAKER_CLOSED);
    private final Map<PartnerOutcome, Counter> outcomeCounters =
        new EnumMap<>(PartnerOutcome.class);
    private final Timer latency;

    PartnerCounters(MeterRegistry registry, int dpid) {
      String tag = Integer.toString(dpid);
      for (PartnerOutcome o : PartnerOutcome.values()) {
        byOutcome.put(o, new LongAdder());
        outcomeCounters.put(
            o,
            Counter.builder("rtdcs.partner.calls")
                .description("partner calls by outcome")
                .tag("dpid", tag)
                .tag("outcome", o.wire())
                .register(registry));
      }
      latency =
          Timer.builder("rtdcs.partner.call")
              .description("partner call latency (answered, timed out or failed calls)")
              .tag("dpid", tag)
              .publishPercentiles(0.5, 0.99)
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofMillis(1))
              .maximumExpectedValue(Duration.ofSeconds(2))
              .register(registry);
      Gauge.builder("rtdcs.partner.breaker.state", breakerState, AtomicInteger::get)
          .description("circuit breaker of this partner: 0 closed, 1 half-open, 2 open")
          .tag("dpid", tag)
          .register(registry);
      Gauge.builder("rtdcs.partner.in.flight", inFlight, AtomicInteger::get)
          .description("calls to this partner in flight on this node")
          .tag("dpid", tag)
          .register(registry);
    }

    void record(PartnerOutcome outcome, long latencyMs) {
      byOutcome.get(outcome).increment();
      outcomeCounters.get(outcome).increment();
      if (outcome != PartnerOutcome.CACHED && outcome != PartnerOutcome.SKIPPED) {
        latencySum.add(latencyMs);
        latencyCount.increment();
        latencyMax.accumulate(latencyMs);
        latency.record(latencyMs, TimeUnit.MILLISECONDS);
      }
    }

    /** The last breaker transition seen on this node ({@link #BREAKER_OPEN}, ...). */
    public int breakerState() {
      return breakerState.get();
    }

    public void breakerState(int state) {
      breakerState.set(state);
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
          .put("inFlight", inFlight.get())
          .put("breakerState", breakerState.get());
    }
  }
}
