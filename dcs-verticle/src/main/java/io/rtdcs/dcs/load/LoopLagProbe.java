package io.rtdcs.dcs.load;

import io.vertx.core.Vertx;

/**
 * How far behind this event loop runs: a timer re-armed every {@value #INTERVAL_MS} ms measures how
 * late it fires, which is how long a call arriving now waits before its handler runs (and each of
 * its event-bus replies after that). Two moving averages over time, not over samples (a loop far
 * behind fires its timer seldom, and each late sample covers the time it waited): {@link #lagMs()}
 * with a time constant of {@value #FAST_TAU_MS} ms, for skipping partners and deferring segments,
 * and {@link #sustainedLagMs()} with {@value #SLOW_TAU_MS} ms, for refusing calls, so that one
 * stall (a GC pause, the CPU taken by another process for a moment) never refuses a call but a loop
 * that stays behind does within a few hundred milliseconds. Runs on the verticle's own event loop;
 * read from any thread.
 */
public final class LoopLagProbe {
  static final long INTERVAL_MS = 5;
  static final double FAST_TAU_MS = 50;
  static final double SLOW_TAU_MS = 500;

  private final Vertx vertx;
  private volatile double lagMs;
  private volatile double sustainedLagMs;
  private volatile boolean running;
  private long armedAt;

  public LoopLagProbe(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts measuring; call on the event loop whose delay is wanted. */
  public void start() {
    running = true;
    arm();
  }

  public void stop() {
    running = false;
  }

  /** The loop's recent delay in milliseconds (time constant {@value #FAST_TAU_MS} ms). */
  public long lagMs() {
    return (long) lagMs;
  }

  /** The loop's sustained delay in milliseconds (time constant {@value #SLOW_TAU_MS} ms). */
  public long sustainedLagMs() {
    return (long) sustainedLagMs;
  }

  private void arm() {
    armedAt = System.nanoTime();
    vertx.setTimer(INTERVAL_MS, id -> tick());
  }

  private void tick() {
    double elapsedMs = (System.nanoTime() - armedAt) / 1_000_000.0;
    record(Math.max(0, elapsedMs - INTERVAL_MS), elapsedMs);
    if (running) {
      arm();
    }
  }

  /** One sample: the timer fired {@code lateMs} late, {@code elapsedMs} after it was armed. */
  void record(double lateMs, double elapsedMs) {
    lagMs += (lateMs - lagMs) * (1 - Math.exp(-elapsedMs / FAST_TAU_MS));
    sustainedLagMs += (lateMs - sustainedLagMs) * (1 - Math.exp(-elapsedMs / SLOW_TAU_MS));
  }
}
