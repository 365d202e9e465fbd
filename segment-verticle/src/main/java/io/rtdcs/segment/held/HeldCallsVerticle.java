package io.rtdcs.segment.held;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rtdcs.common.Meters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.Objects;

/**
 * Replays this member's orphaned held calls ({@link HeldCallSweeper}). One instance per node; every
 * member runs it, since each only replays the held calls of its own partitions.
 */
public final class HeldCallsVerticle extends VerticleBase {
  private final HazelcastInstance hz;
  private final Clock clock;
  private HeldCallSweeper sweeper;

  public HeldCallsVerticle(HazelcastInstance hz, Clock clock) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    sweeper = new HeldCallSweeper(vertx, hz, new PendingCalls(hz, context), clock);
    MeterRegistry registry = Meters.registry(vertx);
    HeldCallSweeper s = sweeper;
    Gauge.builder("rtdcs.collection.held", s, HeldCallSweeper::ownedEntries)
        .description("held calls (answered before stored) in this member's partitions")
        .register(registry);
    FunctionCounter.builder("rtdcs.collection.replayed", s, HeldCallSweeper::replayed)
        .description("held calls this member replayed because their node left or gave up")
        .register(registry);
    FunctionCounter.builder("rtdcs.collection.replay.failures", s, HeldCallSweeper::replayFailures)
        .description("replays of held calls that failed (tried again at the next sweep)")
        .register(registry);
    sweeper.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (sweeper != null) {
      sweeper.stop();
    }
    return Future.succeededFuture();
  }
}
