package io.rtdcs.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's stepping against a fake server whose latency jumps past a known rate. */
class CapacityProbeTest {
  private static final CapacityProbeOptions OPTIONS =
      new CapacityProbeOptions()
          .setStartRate(200)
          .setStepDuration(Duration.ofSeconds(5))
          .setBisectSteps(3)
          .setPause(Duration.ZERO);

  /** A step's result: {@code calls} calls of one class and latency, sent on time. */
  static OpenLoopResult result(double rate, CallClass callClass, long latencyMillis, int calls) {
    LoadStats stats = new LoadStats();
    for (int i = 0; i < calls; i++) {
      stats.record(
          new CallOutcome(
              new CallRequest(i, "http://x", "/event"),
              callClass == CallClass.REFUSED ? 429 : 200,
              callClass,
              latencyMillis * 1_000_000,
              0,
              -1,
              AnswerBody.EMPTY,
              callClass == CallClass.FAILED ? "timeout" : ""));
    }
    return new OpenLoopResult(rate, rate, Duration.ofSeconds(5), calls, stats);
  }

  @Test
  void theProbeShouldDoubleThenBisectToTheLastRateThatHeld() {
    List<Double> rates = new ArrayList<>();
    CapacityProbe.Estimate estimate =
        new CapacityProbe(OPTIONS)
            .find(
                (rate, duration) -> {
                  rates.add(rate);
                  return result(rate, CallClass.SERVED, rate <= 1000 ? 30 : 400, 100);
                });

    // 200, 400, 800 hold, 1600 does not; then 1200 (no), 1000 (yes), 1100 (no)
    assertThat(rates).containsExactly(200.0, 400.0, 800.0, 1600.0, 1200.0, 1000.0, 1100.0);
    assertThat(estimate.capacity()).isEqualTo(1000.0);
    assertThat(estimate.steps().get(3).held()).isFalse();
    assertThat(estimate.steps().get(3).reason()).contains("p99 400.").contains("ms > 150 ms");
    assertThat(estimate.toJson().getDouble("capacity_rps")).isEqualTo(1000.0);
    assertThat(estimate.toJson().getJsonArray("steps")).hasSize(7);
  }

  @Test
  void refusedOrFailedCallsShouldStopTheClimbWhateverTheLatency() {
    CapacityProbe probe = new CapacityProbe(new CapacityProbeOptions(OPTIONS).setBisectSteps(0));
    CapacityProbe.Estimate refused =
        probe.find(
            (rate, d) -> result(rate, rate > 400 ? CallClass.REFUSED : CallClass.SERVED, 5, 10));
    assertThat(refused.capacity()).isEqualTo(400.0);
    assertThat(refused.steps().get(2).reason()).contains("10 refused");

    CapacityProbe.Estimate failed = probe.find((rate, d) -> result(rate, CallClass.FAILED, 5, 10));
    assertThat(failed.capacity()).isZero();
    assertThat(failed.steps()).hasSize(1);
    assertThat(failed.steps().get(0).reason()).contains("10 failed").contains("nothing answered");
  }

  @Test
  void degradedAnswersCountAsAnsweredAndTheMaximumEndsTheClimb() {
    CapacityProbe probe = new CapacityProbe(new CapacityProbeOptions(OPTIONS).setMaxRate(1000));
    List<Double> rates = new ArrayList<>();
    CapacityProbe.Estimate estimate =
        probe.find(
            (rate, d) -> {
              rates.add(rate);
              return result(rate, CallClass.DEGRADED, 20, 10);
            });
    assertThat(rates).containsExactly(200.0, 400.0, 800.0, 1000.0);
    assertThat(estimate.capacity()).isEqualTo(1000.0);
  }

  @Test
  void withAMaximumDegradedShareAStepAnsweredMostlyDegradedShouldNotHold() {
    CapacityProbe probe =
        new CapacityProbe(
            new CapacityProbeOptions(OPTIONS).setBisectSteps(0).setMaxDegradedShare(0.05));
    CapacityProbe.Estimate estimate =
        probe.find(
            (rate, d) -> result(rate, rate > 400 ? CallClass.DEGRADED : CallClass.SERVED, 20, 10));
    assertThat(estimate.capacity()).isEqualTo(400.0);
    assertThat(estimate.steps().get(2).reason()).contains("100.0 % degraded > 5.0 %");
    assertThatThrownBy(() -> new CapacityProbeOptions().setMaxDegradedShare(1.5))
        .hasMessageContaining("maxDegradedShare");
  }

  @Test
  void aGeneratorThatCouldNotKeepUpShouldNotHold() {
    LoadStats stats = new LoadStats();
    stats.record(
        new CallOutcome(
            new CallRequest(0, "http://x", "/"),
            200,
            CallClass.SERVED,
            1_000_000,
            0,
            -1,
            AnswerBody.EMPTY,
            ""));
    OpenLoopResult slowClient = new OpenLoopResult(1000, 600, Duration.ofSeconds(5), 1, stats);
    assertThat(new CapacityProbe(OPTIONS).verdict(slowClient)).contains("client-bound");
  }

  @Test
  void optionsShouldRefuseNonsenseNamingTheOption() {
    assertThatThrownBy(() -> new CapacityProbeOptions().setStartRate(0))
        .hasMessageContaining("startRate");
    assertThatThrownBy(() -> new CapacityProbeOptions().setBisectSteps(-1))
        .hasMessageContaining("bisectSteps");
    assertThatThrownBy(() -> new CapacityProbeOptions().setP99Bound(Duration.ZERO))
        .hasMessageContaining("p99Bound");
    assertThatThrownBy(
            () -> new CapacityProbe(new CapacityProbeOptions().setStartRate(500).setMaxRate(100)))
        .hasMessageContaining("maxRate");
  }
}
