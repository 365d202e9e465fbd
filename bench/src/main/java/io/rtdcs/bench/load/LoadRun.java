package io.rtdcs.bench.load;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One run of an {@link OpenLoopLoad}. A pacer thread of its own sleeps until the next intended
 * start and hands every call then due to the event loop, never waiting for answers; the event loop
 * sends them, tallies each outcome and completes the result when the last call has finished.
 */
final class LoadRun {
  private final Context context;
  private final CallExecutor executor;
  private final ArrivalSchedule schedule;
  private final long firstIndex;
  private final Consumer<CallOutcome> listener;
  private final double rate;
  private final Duration duration;
  private final LoadStats stats = new LoadStats();
  private final CompletableFuture<OpenLoopResult> result = new CompletableFuture<>();
  private volatile boolean cancelled;
  // event loop only
  private long sent;
  private long finished;
  private long lastSendNanos;
  private Throwable listenerFailure;

  LoadRun(
      Context context,
      CallExecutor executor,
      ArrivalSchedule schedule,
      long firstIndex,
      Consumer<CallOutcome> listener,
      double rate,
      Duration duration) {
    this.context = context;
    this.executor = executor;
    this.schedule = schedule;
    this.firstIndex = firstIndex;
    this.listener = listener;
    this.rate = rate;
    this.duration = duration;
  }

  CompletableFuture<OpenLoopResult> start() {
    Thread pacer = new Thread(this::pace, "open-loop-pacer");
    pacer.setDaemon(true);
    pacer.start();
    return result;
  }

  void cancel(Throwable why) {
    cancelled = true;
    result.completeExceptionally(why);
  }

  boolean isDone() {
    return result.isDone();
  }

  private void pace() {
    long next = 0;
    long calls = schedule.calls();
    while (next < calls && !cancelled) {
      long now = System.nanoTime();
      long due = schedule.dueBy(now);
      if (due > next) {
        long from = next;
        context.runOnContext(v -> sendRange(from, due));
        next = due;
      } else {
        LockSupport.parkNanos(schedule.intendedStartNanos(next) - now);
      }
    }
  }

  private void sendRange(long from, long to) {
    for (long i = from; i < to && !cancelled; i++) {
      sent++;
      lastSendNanos = System.nanoTime();
      executor.send(firstIndex + i, schedule.intendedStartNanos(i), this::finished);
    }
  }

  private void finished(CallOutcome outcome) {
    stats.record(outcome);
    if (listener != null) {
      try {
        listener.accept(outcome);
      } catch (RuntimeException | AssertionError e) {
        // the run goes on (its calls are in flight); the caller hears of it at the end
        if (listenerFailure == null) {
          listenerFailure = e;
        }
      }
    }
    if (++finished == schedule.calls()) {
      if (listenerFailure != null) {
        result.completeExceptionally(listenerFailure);
      } else {
        result.complete(new OpenLoopResult(rate, achievedSendRate(), duration, sent, stats));
      }
    }
  }

  /** Calls sent per second of the span from the first intended start to the last send. */
  private double achievedSendRate() {
    double seconds = (lastSendNanos - schedule.startNanos()) / 1e9 + 1 / rate;
    return sent / Math.max(seconds, 1e-9);
  }
}
