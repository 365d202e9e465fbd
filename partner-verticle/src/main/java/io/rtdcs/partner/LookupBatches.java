package io.rtdcs.partner;

import io.rtdcs.contract.LookupReply;
import io.rtdcs.partner.client.PartnerOutcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Runs warm-up lookups in batches on one context, {@code concurrency} at a time, timing each, and
 * stops when {@link PartnerWarmupSettings} says latency has settled, when a batch got no {@code ok}
 * outcome at all (the path is broken: warming it teaches the JIT nothing useful), or at the lookup
 * or time cap. Never fails: a failed lookup counts as a lookup without {@code ok}.
 */
final class LookupBatches {
  /** Why the run stopped. */
  enum Stop {
    SETTLED("settled"),
    NO_OK_ANSWER("no ok answer"),
    LOOKUP_CAP("lookup cap"),
    TIME_CAP("time cap");

    private final String text;

    Stop(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** What a run did: lookups timed, batches, {@code ok} partner outcomes, the last batch. */
  record Result(int lookups, int batches, long okOutcomes, BatchLatency last, Stop stop) {}

  private final Context context;
  private final PartnerWarmupSettings settings;
  private final IntFunction<Future<LookupReply>> lookup;
  private final Promise<Result> promise = Promise.promise();
  private long deadline;
  private int lookups;
  private int batches;
  private long okOutcomes;
  private BatchLatency previous;

  /** {@code lookup} makes lookup number {@code n} and answers the lookup reply. */
  LookupBatches(
      Context context, PartnerWarmupSettings settings, IntFunction<Future<LookupReply>> lookup) {
    this.context = Objects.requireNonNull(context, "context");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  /** Starts the first batch on the context; the future completes once, on the context. */
  Future<Result> run() {
    deadline = System.nanoTime() + settings.maxDurationMs() * 1_000_000;
    context.runOnContext(v -> new Batch(settings.batchSize()).run());
    return promise.future();
  }

  private void afterBatch(BatchLatency latency, long batchOk) {
    if (latency.count() == 0) {
      finish(Stop.TIME_CAP);
      return;
    }
    batches++;
    lookups += latency.count();
    okOutcomes += batchOk;
    Stop stop = null;
    if (batchOk == 0) {
      stop = Stop.NO_OK_ANSWER;
    } else if (batches >= settings.minBatches() && settings.settled(previous, latency)) {
      stop = Stop.SETTLED;
    } else if (lookups + settings.batchSize() > settings.maxLookups()) {
      stop = Stop.LOOKUP_CAP;
    } else if (System.nanoTime() >= deadline) {
      stop = Stop.TIME_CAP;
    }
    previous = latency;
    if (stop != null) {
      finish(stop);
    } else {
      // a fresh task per batch: lookups that complete at once must not deepen the stack
      context.runOnContext(v -> new Batch(settings.batchSize()).run());
    }
  }

  private void finish(Stop stop) {
    promise.complete(new Result(lookups, batches, okOutcomes, previous, stop));
  }

  /** One batch: {@code concurrency} lanes take lookups until the batch or the time is used up. */
  private final class Batch {
    private final long[] nanos;
    private int started;
    private int finished;
    private long ok;
    private int lanes;

    Batch(int size) {
      this.nanos = new long[size];
    }

    void run() {
      lanes = settings.concurrency();
      for (int i = 0; i < settings.concurrency(); i++) {
        lane();
      }
    }

    private void lane() {
      if (started >= nanos.length || System.nanoTime() >= deadline) {
        if (--lanes == 0) {
          afterBatch(BatchLatency.of(nanos, finished), ok);
        }
        return;
      }
      int n = lookups + started++;
      long t0 = System.nanoTime();
      start(n)
          .onComplete(
              ar -> {
                nanos[finished++] = System.nanoTime() - t0;
                if (ar.succeeded()) {
                  ok += okOutcomes(ar.result());
                }
                lane();
              });
    }
  }

  private Future<LookupReply> start(int n) {
    try {
      return lookup.apply(n);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static long okOutcomes(LookupReply reply) {
    if (reply == null) {
      return 0;
    }
    return reply.outcomes().stream()
        .filter(o -> PartnerOutcome.OK.wire().equals(o.outcome()))
        .count();
  }
}
