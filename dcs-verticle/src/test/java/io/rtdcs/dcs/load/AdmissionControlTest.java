package io.rtdcs.dcs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documented order of degradation, from each signal on its own. */
class AdmissionControlTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static AdmissionControl control(JsonObject config) {
    return new AdmissionControl(
        LoadOptions.from(config),
        new NodeLoad(new SimpleMeterRegistry()),
        new LoopLagProbe(vertx),
        150);
  }

  @Test
  void eventLoopDelayShouldSkipPartnersThenDeferSegmentsThenRefuse() {
    AdmissionControl c = control(new JsonObject());
    assertThat(c.decide(0, 0, 0, 0)).isEqualTo(Admission.FULL);
    assertThat(c.decide(9, 9, 0, 0)).isEqualTo(Admission.FULL);
    assertThat(c.decide(10, 10, 0, 0)).isEqualTo(Admission.SKIP_PARTNERS);
    assertThat(c.decide(20, 20, 0, 0)).isEqualTo(Admission.DEFER_SEGMENTS);
    // a recent stall alone defers; only a sustained delay refuses
    assertThat(c.decide(200, 39, 0, 0)).isEqualTo(Admission.DEFER_SEGMENTS);
    assertThat(c.decide(40, 40, 0, 0)).isEqualTo(Admission.REFUSED);
  }

  @Test
  void callsInFlightShouldDegradeInTheSameOrder() {
    AdmissionControl c = control(new JsonObject().put("admission.maxInFlight", 100));
    assertThat(c.decide(0, 0, 49, 0)).isEqualTo(Admission.FULL);
    assertThat(c.decide(0, 0, 50, 0)).isEqualTo(Admission.SKIP_PARTNERS);
    assertThat(c.decide(0, 0, 75, 0)).isEqualTo(Admission.DEFER_SEGMENTS);
    assertThat(c.decide(0, 0, 100, 0)).isEqualTo(Admission.REFUSED);
  }

  @Test
  void slowAnswersShouldSkipPartnersThenDeferSegments() {
    AdmissionControl c = control(new JsonObject());
    assertThat(c.byLatency(Admission.FULL, 49)).isEqualTo(Admission.FULL);
    assertThat(c.byLatency(Admission.FULL, 50)).isEqualTo(Admission.SKIP_PARTNERS);
    assertThat(c.byLatency(Admission.FULL, 75)).isEqualTo(Admission.DEFER_SEGMENTS);
    assertThat(c.byLatency(Admission.REFUSED, 75)).isEqualTo(Admission.REFUSED);
  }

  @Test
  void theAnswerLatencyShouldFollowRecentCallsAndDecayWhenThereAreNone() {
    AnswerLatency l = new AnswerLatency();
    long t = 1_000_000_000L;
    for (int i = 0; i < 100; i++) {
      t += 5_000_000L; // a call answered every 5 ms, in 120 ms
      l.record(120, t);
    }
    assertThat(l.current(t)).isGreaterThan(100);
    assertThat(l.current(t + 2_000_000_000L)).isLessThan(5); // 2 s without a full call
  }

  @Test
  void pendingRealizationsShouldBeBoundedEvenWithAdmissionOff() {
    AdmissionControl c =
        control(new JsonObject().put("admission.enabled", false).put("collection.maxPending", 10));
    assertThat(c.decide(500, 500, 4, 5)).isEqualTo(Admission.FULL);
    assertThat(c.decide(0, 0, 0, 10)).isEqualTo(Admission.REFUSED);
    assertThat(c.decide(0, 0, 6, 4)).isEqualTo(Admission.REFUSED); // in flight may add some
  }

  @Test
  void anAdmittedCallShouldHoldAnInFlightSlotUntilAnsweredAndARefusedOneNone() {
    NodeLoad load = new NodeLoad(new SimpleMeterRegistry());
    AdmissionControl c =
        new AdmissionControl(
            LoadOptions.from(new JsonObject().put("admission.maxInFlight", 4)),
            load,
            new LoopLagProbe(vertx),
            150);
    assertThat(c.admit()).isEqualTo(Admission.FULL);
    assertThat(c.admit()).isEqualTo(Admission.FULL);
    assertThat(c.admit()).isEqualTo(Admission.SKIP_PARTNERS);
    assertThat(c.admit()).isEqualTo(Admission.DEFER_SEGMENTS);
    assertThat(c.admit()).isEqualTo(Admission.REFUSED);
    assertThat(load.inFlight()).isEqualTo(4);
    c.answered(Admission.SKIP_PARTNERS, System.nanoTime());
    assertThat(load.inFlight()).isEqualTo(3);
    assertThat(c.admit()).isEqualTo(Admission.DEFER_SEGMENTS);
  }

  @Test
  void oneStallShouldNotRefuseButALoopThatStaysBehindShould() {
    LoopLagProbe probe = new LoopLagProbe(vertx);
    probe.record(120, 125); // a GC pause: recent delay high, sustained delay below refusal
    assertThat(probe.lagMs()).isGreaterThanOrEqualTo(100);
    assertThat(probe.sustainedLagMs()).isLessThan(40);
    for (int i = 0; i < 20; i++) {
      probe.record(0, 5); // 100 ms of a loop on time
    }
    assertThat(probe.lagMs()).isLessThan(20);
    for (int i = 0; i < 5; i++) {
      probe.record(80, 85); // 425 ms of a loop that stays 80 ms behind
    }
    assertThat(probe.lagMs()).isGreaterThanOrEqualTo(70);
    assertThat(probe.sustainedLagMs()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void aLoopKeptBusyShouldBeSeenByTheProbe() throws Exception {
    LoopLagProbe probe = new LoopLagProbe(vertx);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> probe.start());
    // handlers that each block the loop for 40 ms, back to back for 2 s: the loop stays behind
    long end = System.nanoTime() + 2_000_000_000L;
    CompletableFuture<Long> seen = new CompletableFuture<>();
    busy(context, end, seen, probe);
    assertThat(seen.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(20);
    probe.stop();
  }

  private static void busy(
      Context context, long end, CompletableFuture<Long> seen, LoopLagProbe probe) {
    // a timer, as the next batch of I/O: the loop runs the probe's timer between two batches
    context.runOnContext(v -> vertx.setTimer(1, id -> busyChunk(context, end, seen, probe)));
  }

  private static void busyChunk(
      Context context, long end, CompletableFuture<Long> seen, LoopLagProbe probe) {
    long until = System.nanoTime() + 40_000_000L;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    if (System.nanoTime() < end) {
      vertx.setTimer(1, id -> busyChunk(context, end, seen, probe));
    } else {
      seen.complete(probe.lagMs());
    }
  }

  @Test
  void optionsShouldBeValidatedWithTheKeyNamed() {
    assertThatThrownBy(() -> LoadOptions.from(new JsonObject().put("admission.refuseLagMs", 5)))
        .hasMessageContaining("admission.skipPartnersLagMs");
    assertThatThrownBy(() -> LoadOptions.from(new JsonObject().put("collection.maxPending", 0)))
        .hasMessageContaining("collection.maxPending");
    assertThatThrownBy(
            () ->
                LoadOptions.from(
                    new JsonObject()
                        .put("collection.retryForMs", 1_000)
                        .put("collection.attemptTimeoutMs", 5_000)))
        .hasMessageContaining("collection.attemptTimeoutMs");
  }
}
