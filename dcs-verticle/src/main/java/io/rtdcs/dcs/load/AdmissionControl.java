package io.rtdcs.dcs.load;

import java.util.Objects;

/**
 * Decides, for each {@code /event} call of one dcs-verticle instance, how much of the flow it gets
 * (docs/operations.md, "Overload"), from this instance's event-loop delay and recent answer
 * latency, the node's calls in flight and its realizations still being delivered. An admitted call
 * holds an in-flight slot until {@link #answered(Admission, long)}; a refused call holds none.
 */
public final class AdmissionControl {
  private final LoadOptions options;
  private final NodeLoad load;
  private final LoopLagProbe lag;
  private final long budgetMs;
  private final AnswerLatency latency = new AnswerLatency();

  public AdmissionControl(LoadOptions options, NodeLoad load, LoopLagProbe lag, long budgetMs) {
    this.options = Objects.requireNonNull(options, "options");
    this.load = Objects.requireNonNull(load, "load");
    this.lag = Objects.requireNonNull(lag, "lag");
    this.budgetMs = budgetMs;
    load.register(lag);
  }

  /** Starts measuring this instance's event loop (call on it). */
  public void start() {
    lag.start();
  }

  public void stop() {
    lag.stop();
    load.unregister(lag);
  }

  /**
   * The level for a new call; unless {@link Admission#REFUSED}, the caller must call {@link
   * #answered(Admission, long)} once the call is answered.
   */
  public Admission admit() {
    Admission a = decide(lag.lagMs(), lag.sustainedLagMs(), load.inFlight(), load.pending());
    a = byLatency(a, latency.current(System.nanoTime()));
    if (a != Admission.REFUSED) {
      load.enter();
    }
    load.decided(a);
    return a;
  }

  /**
   * An admitted call was answered {@code startNanos} after it was admitted at {@code level}: calls
   * that waited for the store feed the answer latency.
   */
  public void answered(Admission level, long startNanos) {
    load.leave();
    if (level == Admission.FULL || level == Admission.SKIP_PARTNERS) {
      long now = System.nanoTime();
      latency.record((now - startNanos) / 1_000_000.0, now);
    }
  }

  /**
   * The answer latency of recent calls, against the budget: from a third of it partners are
   * skipped, from half of it segments are deferred (the calls answered that late were waiting on
   * the store or on this loop; a deferred call is answered at once).
   */
  Admission byLatency(Admission a, double latencyMs) {
    if (a == Admission.REFUSED || !options.admissionEnabled()) {
      return a;
    }
    if (latencyMs >= budgetMs / 2.0) {
      return Admission.DEFER_SEGMENTS;
    }
    if (latencyMs >= budgetMs / 3.0 && a == Admission.FULL) {
      return Admission.SKIP_PARTNERS;
    }
    return a;
  }

  public long retryAfterSeconds() {
    return options.retryAfterSeconds();
  }

  Admission decide(long lagMs, long sustainedLagMs, int inFlight, int pending) {
    // what is accepted and not stored yet is bounded: a call in flight may still add a delivery
    if (pending + inFlight >= options.maxPending()) {
      return Admission.REFUSED;
    }
    if (!options.admissionEnabled()) {
      return Admission.FULL;
    }
    int max = options.maxInFlight();
    if (sustainedLagMs >= options.refuseLagMs() || inFlight >= max) {
      return Admission.REFUSED;
    }
    if (lagMs >= options.deferSegmentsLagMs() || inFlight >= max - max / 4) {
      return Admission.DEFER_SEGMENTS;
    }
    if (lagMs >= options.skipPartnersLagMs() || inFlight >= max / 2) {
      return Admission.SKIP_PARTNERS;
    }
    return Admission.FULL;
  }
}
