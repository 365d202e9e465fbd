package io.rtdcs.node;

import io.rtdcs.common.NodeState;
import io.rtdcs.dcs.load.NodeLoad;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the node reports ready: synthetic {@code /event} calls through its own HTTP listener (the
 * real path: HTTP, the dcs flow, the event bus, the resolve read and a dry-run realize at each
 * profile's owner), in batches of {@value #BATCH}, until latency settles: a batch's p90 within 20 %
 * of the previous one's (or under {@value #SETTLED_MS} ms) after at least {@value #MIN_BATCHES}
 * batches, or {@code dcs.warmup.maxSeconds}. The calls carry the process's warm-up secret: they ask
 * no partner (the partner verticle warms its clients on its own loopback), store nothing and count
 * in no admission decision. Never fails the start: a warm-up that goes wrong only leaves the node
 * colder.
 */
final class HotPathWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(HotPathWarmup.class);
  static final int BATCH = 48;
  static final int LANES = 4;
  static final int MIN_BATCHES = 8;
  static final long SETTLED_MS = 3;
  private static final String[] CALLS = {
    "/event?d_rtbd=json&c_category=shoes&c_price=120",
    "/event?d_rtbd=json&c_category=sports&d_dst=1&d_uuid=%s",
    "/event?d_rtbd=json&c_category=running&c_price=40&d_uuid=%s",
    "/event?d_rtbd=json&c_category=books&d_sid=3001&d_uuid=%s"
  };

  /** What the warm-up did. */
  record Report(int calls, int batches, int failures, double lastP50Ms, double lastP90Ms) {}

  private final Vertx vertx;
  private final WarmupOptions options;

  HotPathWarmup(Vertx vertx, WarmupOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  Future<Report> run() {
    int port = NodeState.httpPort(vertx);
    if (!options.enabled() || port <= 0) {
      return Future.succeededFuture(new Report(0, 0, 0, 0, 0));
    }
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setSsl(options.tls())
                .setTrustAll(true) // its own listener on loopback
                .setVerifyHost(false)
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(LANES));
    long start = System.nanoTime();
    long giveUpAt = start + options.maxSeconds() * 1_000_000_000L;
    Promise<Report> done = Promise.promise();
    batch(client, NodeState.warmupToken(vertx), giveUpAt, new State(), done);
    return done.future()
        .compose(report -> quiet(giveUpAt).map(report))
        .andThen(
            ar -> {
              client.close();
              if (ar.succeeded()) {
                Report r = ar.result();
                LOG.info(
                    "warm-up: {} synthetic calls in {} batches, {} ms; last batch p50 {} ms, p90 {}"
                        + " ms; {} failed",
                    r.calls(),
                    r.batches(),
                    (System.nanoTime() - start) / 1_000_000,
                    String.format("%.1f", r.lastP50Ms()),
                    String.format("%.1f", r.lastP90Ms()),
                    r.failures());
              }
            })
        .otherwise(e -> new Report(0, 0, 0, 0, 0));
  }

  /**
   * Waits until the dcs event loops' recent delay is below what admission control admits whole (the
   * warm-up's own work, a collection after it, leaves it up for a moment): the first real call is
   * then answered with its traits and segments, not deferred (error 202). At most until {@code
   * giveUpAt}.
   */
  private Future<Void> quiet(long giveUpAt) {
    if (options.quietLagMs() <= 0 || NodeLoad.recentLagMs(vertx) < options.quietLagMs()) {
      return Future.succeededFuture();
    }
    Promise<Void> quiet = Promise.promise();
    long start = System.nanoTime();
    vertx.setPeriodic(
        10,
        id -> {
          long lag = NodeLoad.recentLagMs(vertx);
          if (lag < options.quietLagMs() || System.nanoTime() >= giveUpAt) {
            vertx.cancelTimer(id);
            LOG.info(
                "warm-up: event loops quiet ({} ms delay) after {} ms more",
                lag,
                (System.nanoTime() - start) / 1_000_000);
            quiet.tryComplete();
          }
        });
    return quiet.future();
  }

  private static final class State {
    int calls;
    int batches;
    int failures;
    double previousP90 = Double.MAX_VALUE;
    int steady;
    double p50;
    double p90;
  }

  private void batch(
      HttpClient client, String token, long giveUpAt, State state, Promise<Report> done) {
    long[] micros = new long[BATCH];
    int[] next = {0};
    Future<?>[] lanes = new Future<?>[LANES];
    for (int i = 0; i < LANES; i++) {
      lanes[i] = lane(client, token, micros, next, state);
    }
    Future.join(Arrays.asList(lanes))
        .onComplete(
            ar -> {
              state.batches++;
              long[] sorted = micros.clone();
              Arrays.sort(sorted);
              state.p50 = sorted[BATCH / 2] / 1000.0;
              state.p90 = sorted[BATCH * 9 / 10] / 1000.0;
              boolean steady = state.p90 <= SETTLED_MS || state.p90 <= state.previousP90 * 1.1;
              state.steady = steady ? state.steady + 1 : 0;
              state.previousP90 = state.p90;
              boolean settled = state.batches >= MIN_BATCHES && state.steady >= 2;
              if (settled || System.nanoTime() >= giveUpAt || state.failures > BATCH) {
                done.complete(
                    new Report(state.calls, state.batches, state.failures, state.p50, state.p90));
              } else {
                batch(client, token, giveUpAt, state, done);
              }
            });
  }

  /** Sequential calls until the batch is done; each latency into {@code micros}. */
  private Future<Void> lane(
      HttpClient client, String token, long[] micros, int[] next, State state) {
    int i = next[0]++;
    if (i >= BATCH) {
      return Future.succeededFuture();
    }
    String uuid =
        String.format(
            "%019d%019d",
            ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L),
            ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L));
    String uri = String.format(CALLS[(state.calls + i) % CALLS.length], uuid);
    long start = System.nanoTime();
    return client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI(uri)
                .putHeader("X-Rtdcs-Warmup", token)
                .setTimeout(5_000))
        .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
        .transform(
            ar -> {
              micros[i] = (System.nanoTime() - start) / 1_000;
              state.calls++;
              if (ar.failed() || ar.result() != 200) {
                state.failures++;
              }
              return lane(client, token, micros, next, state);
            });
  }
}
