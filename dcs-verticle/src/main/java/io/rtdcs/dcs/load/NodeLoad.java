package io.rtdcs.dcs.load;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rtdcs.common.NodeState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every dcs-verticle instance of this node shares about its load: calls being answered, calls
 * whose realization is being delivered, the event-loop delay of each instance, and the counters of
 * what was decided and what happened to collected calls. Exposed as {@code rtdcs_inflight_calls},
 * {@code rtdcs_collection_pending}, {@code rtdcs_event_loop_lag_seconds} (the worst instance),
 * {@code rtdcs_admission_total{decision}}, {@code rtdcs_collection_retries_total}, {@code
 * rtdcs_collection_late_total} and {@code rtdcs_collection_failed_total}.
 */
public final class NodeLoad implements Shareable {
  private static final String KEY = "dcs.nodeLoad";

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private final Map<LoopLagProbe, Boolean> probes = new ConcurrentHashMap<>();
  private final Map<Admission, Counter> decisions = new EnumMap<>(Admission.class);
  private final Counter retries;
  private final Counter late;
  private final Counter failed;

  NodeLoad(MeterRegistry registry) {
    Gauge.builder("rtdcs.inflight.calls", inFlight, AtomicInteger::get)
        .description("/event calls admitted and not answered yet")
        .register(registry);
    Gauge.builder("rtdcs.collection.pending", pending, AtomicInteger::get)
        .description("accepted calls whose realization is not stored yet (answered or not)")
        .register(registry);
    Gauge.builder("rtdcs.event.loop.lag", this, l -> l.lagMs() / 1000.0)
        .description("how late the dcs verticles' event loops run tasks (the worst one)")
        .baseUnit("seconds")
        .register(registry);
    for (Admission a : Admission.values()) {
      decisions.put(
          a,
          Counter.builder("rtdcs.admission")
              .description("/event calls by what admission control decided")
              .tag("decision", a.tag())
              .register(registry));
    }
    retries =
        Counter.builder("rtdcs.collection.retries")
            .description("realize attempts repeated after a failure or a timeout (same tid)")
            .register(registry);
    late =
        Counter.builder("rtdcs.collection.late")
            .description("realizations stored after their call was answered without them")
            .register(registry);
    failed =
        Counter.builder("rtdcs.collection.failed")
            .description("accepted calls whose realization could not be stored within retryForMs")
            .register(registry);
  }

  /** This node's shared load (one per Vert.x instance), its meters in {@code registry}. */
  public static NodeLoad of(Vertx vertx, MeterRegistry registry) {
    return (NodeLoad)
        vertx
            .sharedData()
            .getLocalMap(NodeState.MAP)
            .computeIfAbsent(KEY, k -> new NodeLoad(registry));
  }

  /**
   * Completes once no accepted call of this node waits to be stored (or after {@code maxMs}, with
   * the number still waiting logged by the caller): the node's graceful stop waits for it.
   */
  public static Future<Integer> drained(Vertx vertx, long maxMs) {
    Object load = vertx.sharedData().getLocalMap(NodeState.MAP).get(KEY);
    if (!(load instanceof NodeLoad l) || l.pending() + l.inFlight() == 0) {
      return Future.succeededFuture(0);
    }
    Promise<Integer> done = Promise.promise();
    long giveUpAt = System.nanoTime() + maxMs * 1_000_000L;
    vertx.setPeriodic(
        20,
        id -> {
          int waiting = l.pending() + l.inFlight();
          if (waiting == 0 || System.nanoTime() >= giveUpAt) {
            vertx.cancelTimer(id);
            done.tryComplete(waiting);
          }
        });
    return done.future();
  }

  /**
   * The recent delay of the node's most delayed dcs event loop, in ms (0 without a dcs verticle).
   */
  public static long recentLagMs(Vertx vertx) {
    Object load = vertx.sharedData().getLocalMap(NodeState.MAP).get(KEY);
    return load instanceof NodeLoad l ? l.lagMs() : 0;
  }

  void register(LoopLagProbe probe) {
    probes.put(probe, Boolean.TRUE);
  }

  void unregister(LoopLagProbe probe) {
    probes.remove(probe);
  }

  long lagMs() {
    long worst = 0;
    for (LoopLagProbe p : probes.keySet()) {
      worst = Math.max(worst, p.lagMs());
    }
    return worst;
  }

  public int inFlight() {
    return inFlight.get();
  }

  public int pending() {
    return pending.get();
  }

  int enter() {
    return inFlight.incrementAndGet();
  }

  void leave() {
    inFlight.decrementAndGet();
  }

  void decided(Admission a) {
    decisions.get(a).increment();
  }

  /** A realization starts being delivered. */
  public void collecting() {
    pending.incrementAndGet();
  }

  /** A realization is stored, or given up on ({@link #failed()} says which). */
  public void collected() {
    pending.decrementAndGet();
  }

  public void retried() {
    retries.increment();
  }

  public void storedLate() {
    late.increment();
  }

  public void failed() {
    failed.increment();
  }
}
