package io.rtdcs.bench.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the highest open-loop rate a server holds: the p99 of its answered (served + degraded)
 * calls within a bound, nothing refused or failed and, when asked, at most a share degraded.
 * Doubles the rate from a start until a step does not hold, then bisects between the last rate that
 * held and that one a few times; each step is a short open-loop run ({@link CapacityProbeOptions}).
 * The answer is as coarse as its steps (three bisections: within 1/16 of the rate where holding
 * stopped) and as noisy as the machine.
 */
public final class CapacityProbe {
  /** One open-loop run at a rate: e.g. {@code load::run} of an {@link OpenLoopLoad}. */
  @FunctionalInterface
  public interface StepRunner {
    OpenLoopResult run(double ratePerSecond, Duration duration);
  }

  /** One step: its rate, whether it held, why not (empty when it held), its figures. */
  public record Step(double rate, boolean held, String reason, OpenLoopResult result) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("rate", Math.round(rate * 10) / 10.0)
          .put("held", held)
          .put("reason", reason)
          .put("result", result.toJson());
    }
  }

  /** The highest rate that held (0 when none did) and every step taken, in order. */
  public record Estimate(double capacity, Duration p99Bound, List<Step> steps) {
    public Estimate {
      steps = List.copyOf(steps);
    }

    public JsonObject toJson() {
      JsonArray all = new JsonArray();
      steps.forEach(s -> all.add(s.toJson()));
      return new JsonObject()
          .put("capacity_rps", Math.round(capacity * 10) / 10.0)
          .put("p99_bound_ms", p99Bound.toMillis())
          .put("steps", all);
    }
  }

  private final CapacityProbeOptions options;

  public CapacityProbe(CapacityProbeOptions options) {
    this.options = new CapacityProbeOptions(Objects.requireNonNull(options)).validate();
  }

  public Estimate find(StepRunner runner) {
    List<Step> steps = new ArrayList<>();
    double good = 0;
    double bad = Double.NaN;
    for (double rate = options.getStartRate(); ; rate = Math.min(rate * 2, options.getMaxRate())) {
      Step step = step(runner, rate);
      steps.add(step);
      if (!step.held()) {
        bad = rate;
        break;
      }
      good = rate;
      if (rate >= options.getMaxRate()) {
        return new Estimate(good, options.getP99Bound(), steps);
      }
    }
    for (int i = 0; i < options.getBisectSteps(); i++) {
      double mid = (good + bad) / 2;
      Step step = step(runner, mid);
      steps.add(step);
      if (step.held()) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return new Estimate(good, options.getP99Bound(), steps);
  }

  private Step step(StepRunner runner, double rate) {
    pause();
    OpenLoopResult result = runner.run(rate, options.getStepDuration());
    String reason = verdict(result);
    return new Step(rate, reason.isEmpty(), reason, result);
  }

  /** Why a step did not hold, or empty when it held. */
  String verdict(OpenLoopResult r) {
    List<String> why = new ArrayList<>();
    if (r.count(CallClass.REFUSED) > 0) {
      why.add(r.count(CallClass.REFUSED) + " refused");
    }
    if (r.count(CallClass.FAILED) > 0) {
      why.add(r.count(CallClass.FAILED) + " failed " + r.failureCounts());
    }
    double bound = options.getP99Bound().toNanos() / 1e6;
    if (r.answeredLatency().count() == 0) {
      why.add("nothing answered");
    } else if (r.answeredLatency().p99Ms() > bound) {
      why.add(String.format("p99 %.1f ms > %.0f ms", r.answeredLatency().p99Ms(), bound));
    }
    long answered = r.count(CallClass.SERVED) + r.count(CallClass.DEGRADED);
    double degraded = answered == 0 ? 0 : (double) r.count(CallClass.DEGRADED) / answered;
    if (degraded > options.getMaxDegradedShare()) {
      why.add(
          String.format(
              "%.1f %% degraded > %.1f %%", 100 * degraded, 100 * options.getMaxDegradedShare()));
    }
    if (r.achievedSendRate() < options.getMinSendRatio() * r.offeredRate()) {
      why.add(
          String.format(
              "client-bound: sent %.0f/s of %.0f/s", r.achievedSendRate(), r.offeredRate()));
    }
    return String.join(", ", why);
  }

  private void pause() {
    if (options.getPause().isZero()) {
      return;
    }
    try {
      Thread.sleep(options.getPause().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted between capacity steps", e);
    }
  }
}
