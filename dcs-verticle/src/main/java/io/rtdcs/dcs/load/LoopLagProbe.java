package io.rtdcs.dcs.load;

import io.vertx.core.Vertx;

/**
 * The sustained delay of this event loop: a timer re-armed every {@value #INTERVAL_MS} ms measures
 * how late it fires, which is how long a call arriving now waits before its handler runs. The
 * reading is a moving average ({@value #WEIGHT} of each sample): one stall (a class loaded, a GC
 * pause, a CPU taken by another process for a moment) moves it a little, a loop that stays behind
 * (more work than it can do) moves it to its delay within a few tens of samples. Runs on the
 * verticle's own event loop; read from any thread.
 */
public final class LoopLagProbe {
  static final long INTERVAL_MS = 5;
  static final double WEIGHT = 0.1;

  private final Vertx vertx;
  private volatile double lagMs;
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

  /** The loop's current delay in milliseconds. */
  public long lagMs() {
    return (long) lagMs;
  }

  private void arm() {
    armedAt = System.nanoTime();
    vertx.setTimer(INTERVAL_MS, id -> tick());
  }

  private void tick() {
    long late = (System.nanoTime() - armedAt) / 1_000_000 - INTERVAL_MS;
    record(Math.max(0, late));
    if (running) {
      arm();
    }
  }

  void record(long sampleMs) {
    lagMs += (sampleMs - lagMs) * WEIGHT;
  }
}
