package io.rtdcs.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An open-loop HTTP load: calls start at fixed intended times {@code t0 + i / rate}, whether or not
 * earlier calls have been answered, and each call's latency is measured from its intended start, so
 * that queueing anywhere (server, network, connection pool, or this generator falling behind) shows
 * in the figures instead of slowing the load down as a closed loop (wrk) would.
 *
 * <p>Owns a Vert.x instance (one event loop) and its keep-alive HTTP/1.1 client; several runs may
 * follow each other on the same connections (a warm-up, then the measurement), one at a time. Call
 * indices go on across runs. Close it when done.
 *
 * <pre>{@code
 * try (OpenLoopLoad load = new OpenLoopLoad(new OpenLoopOptions()
 *     .setTargets("http://127.0.0.1:8280")
 *     .setRatePerSecond(500).setDuration(Duration.ofSeconds(10))
 *     .setPathFactory(i -> "/event?d_rtbd=json&d_uuid=" + visitors.uuid(i)))) {
 *   OpenLoopResult result = load.run();
 * }
 * }</pre>
 */
public final class OpenLoopLoad implements AutoCloseable {
  private final OpenLoopOptions options;
  private final Vertx vertx;
  private final Context context;
  private final HttpClient client;
  private final CallExecutor executor;
  private long nextIndex;
  private LoadRun current;
  private boolean closed;

  public OpenLoopLoad(OpenLoopOptions options) {
    this.options = new OpenLoopOptions(options).validate();
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    this.context = vertx.getOrCreateContext();
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                // closes an idle connection before a server's idle timeout can (rtdcs: 30 s): a
                // call sent on a connection the server is closing would fail for the harness's sake
                .setKeepAliveTimeout(10)
                .setPipelining(false)
                .setConnectTimeout((int) this.options.getCallTimeout().toMillis()),
            new PoolOptions()
                .setHttp1MaxSize(this.options.getMaxConnections())
                .setMaxWaitQueueSize(-1));
    this.executor = new CallExecutor(vertx, client, this.options);
  }

  /** Runs at the options' rate for their duration; blocks until every call has finished. */
  public OpenLoopResult run() {
    return run(options.getRatePerSecond(), options.getDuration());
  }

  /**
   * Runs at {@code ratePerSecond} for {@code duration}; blocks until every call has finished (at
   * most {@code duration} + the call timeout, plus the generator's own lag). Not on a Vert.x
   * thread.
   */
  public OpenLoopResult run(double ratePerSecond, Duration duration) {
    if (Context.isOnVertxThread()) {
      throw new IllegalStateException("run blocks: call start(...) from a Vert.x thread");
    }
    try {
      return start(ratePerSecond, duration).join();
    } catch (CompletionException e) {
      // a listener's assertion or exception as it was thrown
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Starts a run; the future completes when its last call has finished. */
  public synchronized CompletableFuture<OpenLoopResult> start(
      double ratePerSecond, Duration duration) {
    // the options' own checks, with their messages
    new OpenLoopOptions().setRatePerSecond(ratePerSecond).setDuration(duration);
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (current != null && !current.isDone()) {
      throw new IllegalStateException("a run is under way: one at a time");
    }
    ArrivalSchedule schedule = new ArrivalSchedule(System.nanoTime(), ratePerSecond, duration);
    current =
        new LoadRun(
            context,
            executor,
            schedule,
            nextIndex,
            options.getOutcomeListener(),
            ratePerSecond,
            duration);
    nextIndex += schedule.calls();
    return current.start();
  }

  /**
   * Ends a run under way (its future fails), closes the connections and the Vert.x instance; waits
   * for that unless called on a Vert.x thread.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (current != null && !current.isDone()) {
      current.cancel(new IllegalStateException("closed during the run"));
    }
    CompletableFuture<Void> down =
        client.close().eventually(() -> vertx.close()).toCompletionStage().toCompletableFuture();
    if (!Context.isOnVertxThread()) {
      down.join();
    }
  }
}
