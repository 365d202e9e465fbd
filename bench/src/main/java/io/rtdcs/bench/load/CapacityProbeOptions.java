package io.rtdcs.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CapacityProbe} steps: from {@link #getStartRate()} doubling up to {@link
 * #getMaxRate()}, then {@link #getBisectSteps()} bisections, each step {@link #getStepDuration()}
 * long after a {@link #getPause()}; a step holds when the p99 of the answered calls is at most
 * {@link #getP99Bound()}, nothing was refused or failed, and the generator sent at least {@link
 * #getMinSendRatio()} of the rate. Setters validate and throw naming the option.
 */
public final class CapacityProbeOptions {
  public static final double DEFAULT_START_RATE = 200;
  public static final double DEFAULT_MAX_RATE = 100_000;
  public static final Duration DEFAULT_STEP_DURATION = Duration.ofSeconds(5);
  public static final Duration DEFAULT_P99_BOUND = Duration.ofMillis(150);
  public static final int DEFAULT_BISECT_STEPS = 3;
  public static final double DEFAULT_MIN_SEND_RATIO = 0.95;
  public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(2);

  private double startRate = DEFAULT_START_RATE;
  private double maxRate = DEFAULT_MAX_RATE;
  private Duration stepDuration = DEFAULT_STEP_DURATION;
  private Duration p99Bound = DEFAULT_P99_BOUND;
  private int bisectSteps = DEFAULT_BISECT_STEPS;
  private double minSendRatio = DEFAULT_MIN_SEND_RATIO;
  private Duration pause = DEFAULT_PAUSE;
  private double maxDegradedShare = 1.0;

  public CapacityProbeOptions() {}

  public CapacityProbeOptions(CapacityProbeOptions other) {
    startRate = other.startRate;
    maxRate = other.maxRate;
    stepDuration = other.stepDuration;
    p99Bound = other.p99Bound;
    bisectSteps = other.bisectSteps;
    minSendRatio = other.minSendRatio;
    pause = other.pause;
    maxDegradedShare = other.maxDegradedShare;
  }

  /** The first rate tried, calls/s. */
  public CapacityProbeOptions setStartRate(double startRate) {
    if (!(startRate > 0) || Double.isInfinite(startRate)) {
      throw new IllegalArgumentException("startRate: must be > 0, got " + startRate);
    }
    this.startRate = startRate;
    return this;
  }

  public double getStartRate() {
    return startRate;
  }

  /** No rate above this is tried; it is the answer when every step up to it holds. */
  public CapacityProbeOptions setMaxRate(double maxRate) {
    if (!(maxRate > 0) || Double.isInfinite(maxRate)) {
      throw new IllegalArgumentException("maxRate: must be > 0, got " + maxRate);
    }
    this.maxRate = maxRate;
    return this;
  }

  public double getMaxRate() {
    return maxRate;
  }

  public CapacityProbeOptions setStepDuration(Duration stepDuration) {
    Objects.requireNonNull(stepDuration, "stepDuration");
    if (stepDuration.isNegative() || stepDuration.isZero()) {
      throw new IllegalArgumentException("stepDuration: must be > 0, got " + stepDuration);
    }
    this.stepDuration = stepDuration;
    return this;
  }

  public Duration getStepDuration() {
    return stepDuration;
  }

  /** The p99 of the served and degraded calls a step may reach and still hold (the budget). */
  public CapacityProbeOptions setP99Bound(Duration p99Bound) {
    Objects.requireNonNull(p99Bound, "p99Bound");
    if (p99Bound.isNegative() || p99Bound.isZero()) {
      throw new IllegalArgumentException("p99Bound: must be > 0, got " + p99Bound);
    }
    this.p99Bound = p99Bound;
    return this;
  }

  public Duration getP99Bound() {
    return p99Bound;
  }

  /** Bisections between the last rate that held and the first that did not (0 to 20). */
  public CapacityProbeOptions setBisectSteps(int bisectSteps) {
    if (bisectSteps < 0 || bisectSteps > 20) {
      throw new IllegalArgumentException("bisectSteps: 0 to 20, got " + bisectSteps);
    }
    this.bisectSteps = bisectSteps;
    return this;
  }

  public int getBisectSteps() {
    return bisectSteps;
  }

  /** A step whose generator sent less than this share of the rate does not hold (client-bound). */
  public CapacityProbeOptions setMinSendRatio(double minSendRatio) {
    if (!(minSendRatio >= 0 && minSendRatio <= 1)) {
      throw new IllegalArgumentException("minSendRatio: 0 to 1, got " + minSendRatio);
    }
    this.minSendRatio = minSendRatio;
    return this;
  }

  public double getMinSendRatio() {
    return minSendRatio;
  }

  /**
   * A step whose degraded calls (answered without partners or segments) exceed this share of its
   * answered calls does not hold: the capacity the server serves whole. 1 (the default): any share.
   */
  public CapacityProbeOptions setMaxDegradedShare(double maxDegradedShare) {
    if (!(maxDegradedShare >= 0 && maxDegradedShare <= 1)) {
      throw new IllegalArgumentException("maxDegradedShare: 0 to 1, got " + maxDegradedShare);
    }
    this.maxDegradedShare = maxDegradedShare;
    return this;
  }

  public double getMaxDegradedShare() {
    return maxDegradedShare;
  }

  /** A rest before each step, so that the server drains what an overloaded step left. */
  public CapacityProbeOptions setPause(Duration pause) {
    Objects.requireNonNull(pause, "pause");
    if (pause.isNegative()) {
      throw new IllegalArgumentException("pause: must be >= 0, got " + pause);
    }
    this.pause = pause;
    return this;
  }

  public Duration getPause() {
    return pause;
  }

  /** Throws {@link IllegalArgumentException} when the start rate is above the maximum. */
  public CapacityProbeOptions validate() {
    if (startRate > maxRate) {
      throw new IllegalArgumentException(
          "startRate: " + startRate + " is above maxRate " + maxRate);
    }
    return this;
  }
}
