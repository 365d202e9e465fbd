package io.rtdcs.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The open-loop load against a stub on loopback. Asserts counts and coarse orderings only: the
 * machine running it may be busy.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class OpenLoopLoadTest {
  private StubDcs stub;

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  private static OpenLoopOptions options(String url, double rate, Duration duration) {
    return new OpenLoopOptions()
        .setTargets(url)
        .setRatePerSecond(rate)
        .setDuration(duration)
        .setPathFactory(i -> "/event?d_rtbd=json&mode=ok");
  }

  @Test
  void aRunShouldSendRateTimesDurationCallsEachOnce(Vertx vertx) {
    stub = StubDcs.immediate(vertx);
    ConcurrentLinkedQueue<Long> indices = new ConcurrentLinkedQueue<>();
    try (OpenLoopLoad load =
        new OpenLoopLoad(
            options(stub.url(), 200, Duration.ofSeconds(1))
                .setOutcomeListener(o -> indices.add(o.request().index())))) {
      OpenLoopResult result = load.run();

      assertThat(result.sent()).isEqualTo(200);
      assertThat(stub.received.get()).isEqualTo(200);
      assertThat(result.count(CallClass.SERVED)).isEqualTo(200);
      assertThat(result.overallLatency().count()).isEqualTo(200);
      assertThat(result.answeredLatency().count()).isEqualTo(200);
      assertThat(indices).hasSize(200).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < 200);
      assertThat(result.offeredRate()).isEqualTo(200);
      assertThat(result.achievedSendRate()).isGreaterThan(100);
      assertThat(result.toJson().getLong("served")).isEqualTo(200);

      // a second run on the same connections: the indices go on
      indices.clear();
      OpenLoopResult second = load.run(50, Duration.ofMillis(500));
      assertThat(second.sent()).isEqualTo(25);
      assertThat(indices).hasSize(25).allMatch(i -> i >= 200 && i < 225);
    }
  }

  @Test
  void everyAnswerShouldLandInItsClass(Vertx vertx) {
    stub = StubDcs.immediate(vertx);
    String[] modes = {"ok", "busy", "refuse", "error", "hang"};
    List<CallOutcome> outcomes = new ArrayList<>();
    OpenLoopOptions options =
        options(stub.url(), 100, Duration.ofSeconds(1))
            .setCallTimeout(Duration.ofMillis(500))
            .setPathFactory(
                i -> "/event?d_rtbd=json&d_uuid=u" + i + "&mode=" + modes[(int) (i % 5)])
            .setOutcomeListener(outcomes::add);
    try (OpenLoopLoad load = new OpenLoopLoad(options)) {
      OpenLoopResult result = load.run();

      assertThat(result.sent()).isEqualTo(100);
      assertThat(result.count(CallClass.SERVED)).isEqualTo(20);
      assertThat(result.count(CallClass.DEGRADED)).isEqualTo(20);
      assertThat(result.count(CallClass.REFUSED)).isEqualTo(20);
      assertThat(result.count(CallClass.FAILED)).isEqualTo(40);
      assertThat(result.errorCodeCounts()).isEqualTo(Map.of(201, 20L, 203, 20L));
      assertThat(result.failureCounts()).isEqualTo(Map.of("status 500", 20L, "timeout", 20L));
      assertThat(result.maxRetryAfterSeconds()).isEqualTo(3);
      assertThat(result.answeredLatency().count()).isEqualTo(40);
      assertThat(result.latency(CallClass.FAILED).count()).isEqualTo(40);
      // the hanging calls took the client timeout (from when they were sent, measured from the
      // intended start): nothing else came near it
      assertThat(result.latency(CallClass.FAILED).maxMs()).isGreaterThanOrEqualTo(500);
      assertThat(result.latency(CallClass.SERVED).p50Ms()).isLessThan(500);
    }
    // the listener was told of each call, on one thread, with the body read
    assertThat(outcomes).hasSize(100);
    CallOutcome served = outcomes.stream().filter(o -> o.request().index() == 5).findFirst().get();
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.callClass()).isEqualTo(CallClass.SERVED);
    assertThat(served.body().uuid()).isEqualTo("u5");
    assertThat(served.body().traits()).containsExactly(1001L, 2001L);
    assertThat(served.body().segments()).containsExactly(5001L);
    assertThat(served.request().target()).isEqualTo(stub.url());
    assertThat(served.request().path()).isEqualTo("/event?d_rtbd=json&d_uuid=u5&mode=ok");
    CallOutcome refused = outcomes.stream().filter(o -> o.request().index() == 2).findFirst().get();
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.retryAfterSeconds()).isEqualTo(3);
    assertThat(refused.body().errorCodes()).containsExactly(203);
    CallOutcome hung = outcomes.stream().filter(o -> o.request().index() == 4).findFirst().get();
    assertThat(hung.status()).isZero();
    assertThat(hung.failure()).isEqualTo("timeout");
  }

  @Test
  void withoutAListenerDegradedAnswersShouldStillBeCounted(Vertx vertx) {
    stub = StubDcs.immediate(vertx);
    try (OpenLoopLoad load =
        new OpenLoopLoad(
            options(stub.url(), 100, Duration.ofMillis(500))
                .setPathFactory(i -> "/event?mode=" + (i % 2 == 0 ? "busy" : "ok")))) {
      OpenLoopResult result = load.run();
      assertThat(result.count(CallClass.DEGRADED)).isEqualTo(25);
      assertThat(result.count(CallClass.SERVED)).isEqualTo(25);
      assertThat(result.errorCodeCounts()).isEqualTo(Map.of(201, 25L));
    }
  }

  @Test
  void aTestCanCountPerVisitorTheCallsAnsweredAndRefused(Vertx vertx) {
    stub = StubDcs.immediate(vertx);
    VisitorPool visitors = new VisitorPool(10);
    Map<String, LongAdder> admitted = new ConcurrentHashMap<>();
    Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    OpenLoopOptions options =
        options(stub.url(), 200, Duration.ofMillis(500))
            // every third call of the load refused
            .setPathFactory(
                i ->
                    "/event?d_rtbd=json&d_uuid="
                        + visitors.inTurn(i)
                        + (i % 3 == 0 ? "&mode=refuse" : ""))
            .setOutcomeListener(
                o -> {
                  String uuid = o.request().path().replaceAll(".*d_uuid=([0-9]+).*", "$1");
                  (o.status() == 200 ? admitted : refused)
                      .computeIfAbsent(uuid, k -> new LongAdder())
                      .increment();
                  if (o.status() == 200) {
                    assertThat(o.body().uuid()).isEqualTo(uuid);
                  }
                });
    try (OpenLoopLoad load = new OpenLoopLoad(options)) {
      load.run();
    }
    // 100 calls over 10 visitors in turn: 10 each; call i refused when i % 3 == 0
    for (int k = 1; k <= 10; k++) {
      String uuid = visitors.uuid(k);
      long expectedRefused = 0;
      for (long i = k - 1; i < 100; i += 10) {
        expectedRefused += i % 3 == 0 ? 1 : 0;
      }
      assertThat(refused.getOrDefault(uuid, new LongAdder()).sum()).isEqualTo(expectedRefused);
      assertThat(admitted.get(uuid).sum()).isEqualTo(10 - expectedRefused);
    }
  }

  @Test
  void queueingBehindASlowServerShouldShowInTheLatencyWhereAClosedLoopHidesIt(Vertx vertx) {
    // one call at a time, 20 ms each: 50 calls/s at most. Offered 100/s for 2 s, the 200th call
    // waits for the 199 before it: about 2 s behind its intended start.
    long serviceMillis = 20;
    stub = StubDcs.serialized(vertx, serviceMillis);
    ConcurrentLinkedQueue<CallOutcome> seen = new ConcurrentLinkedQueue<>();
    OpenLoopResult open;
    try (OpenLoopLoad load =
        new OpenLoopLoad(
            options(stub.url(), 100, Duration.ofSeconds(2))
                .setCallTimeout(Duration.ofSeconds(20))
                .setOutcomeListener(seen::add))) {
      open = load.run();
    }
    assertThat(open.count(CallClass.SERVED)).isEqualTo(200);
    // the same server measured by a closed loop: one call, wait for its answer, the next
    double closedP99 = closedLoopP99Millis(vertx, stub.url(), 20);

    System.out.printf(
        "open loop at twice the capacity: %s; closed loop p99 %.1f ms%n",
        open.answeredLatency(), closedP99);
    assertThat(closedP99).isLessThan(open.answeredLatency().p50Ms());
    assertThat(open.answeredLatency().p50Ms()).isGreaterThan(10.0 * serviceMillis);
    assertThat(open.answeredLatency().p99Ms()).isGreaterThan(30.0 * serviceMillis);
    // and it grows over the run: the last calls waited longer than the first ones
    double first = meanMillis(seen, 0, 50);
    double last = meanMillis(seen, 150, 200);
    assertThat(last).isGreaterThan(first + 10.0 * serviceMillis);
  }

  @Test
  void waitingForAPooledConnectionShouldCountAsLatency(Vertx vertx) {
    // the server answers every call after 20 ms, in parallel; the client has a single connection,
    // so at 100 calls/s the calls queue in the client's pool: measured from their intended start
    // the wait shows, as it would not if measured from the moment a call reached the wire
    stub = StubDcs.immediate(vertx);
    OpenLoopResult result;
    try (OpenLoopLoad load =
        new OpenLoopLoad(
            options(stub.url(), 100, Duration.ofSeconds(1))
                .setMaxConnections(1)
                .setCallTimeout(Duration.ofSeconds(20))
                .setPathFactory(i -> "/event?d_rtbd=json&delay=20"))) {
      result = load.run();
    }
    assertThat(result.count(CallClass.SERVED)).isEqualTo(100);
    assertThat(result.answeredLatency().p99Ms()).isGreaterThan(200);
  }

  @Test
  void aRefusedConnectionShouldFailTheCallsWithoutStallingTheRun(Vertx vertx) {
    stub = StubDcs.immediate(vertx);
    String url = stub.url();
    stub.close();
    stub = null;
    try (OpenLoopLoad load =
        new OpenLoopLoad(
            options(url, 50, Duration.ofMillis(400)).setCallTimeout(Duration.ofSeconds(5)))) {
      OpenLoopResult result = load.run();
      assertThat(result.count(CallClass.FAILED)).isEqualTo(20);
      assertThat(result.failureCounts()).doesNotContainKey("timeout");
    }
  }

  @Test
  void aBrokenPathFactoryShouldFailItsCallsNotHangTheRun(Vertx vertx) {
    stub = StubDcs.immediate(vertx);
    try (OpenLoopLoad load =
        new OpenLoopLoad(
            options(stub.url(), 50, Duration.ofMillis(400))
                .setPathFactory(
                    i -> {
                      if (i % 2 == 0) {
                        throw new IllegalStateException("no path for " + i);
                      }
                      return "/event";
                    }))) {
      OpenLoopResult result = load.run();
      assertThat(result.count(CallClass.FAILED)).isEqualTo(10);
      assertThat(result.count(CallClass.SERVED)).isEqualTo(10);
      assertThat(result.failureCounts()).containsOnlyKeys("generator");
    }
  }

  @Test
  void aFailedAssertionInTheListenerShouldEndTheRunWithItOnceEveryCallFinished(Vertx vertx) {
    stub = StubDcs.immediate(vertx);
    LongAdder heard = new LongAdder();
    try (OpenLoopLoad load =
        new OpenLoopLoad(
            options(stub.url(), 100, Duration.ofMillis(300))
                .setOutcomeListener(
                    o -> {
                      heard.increment();
                      assertThat(o.request().index()).isNotEqualTo(3L);
                    }))) {
      assertThatThrownBy(load::run).isInstanceOf(AssertionError.class);
      assertThat(heard.sum()).isEqualTo(30);
      // and the load is ready for another run
      assertThat(load.run(100, Duration.ofMillis(100)).sent()).isEqualTo(10);
    }
  }

  @Test
  void oneRunAtATimeAndNoneAfterClose(Vertx vertx) {
    stub = StubDcs.immediate(vertx);
    OpenLoopLoad load = new OpenLoopLoad(options(stub.url(), 20, Duration.ofSeconds(1)));
    var first = load.start(20, Duration.ofSeconds(1));
    assertThatThrownBy(() -> load.start(20, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one at a time");
    assertThatThrownBy(() -> load.run(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratePerSecond");
    assertThat(first.join().sent()).isEqualTo(20);
    load.close();
    assertThatThrownBy(() -> load.start(20, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  private static double meanMillis(Iterable<CallOutcome> outcomes, long from, long to) {
    double sum = 0;
    int n = 0;
    for (CallOutcome o : outcomes) {
      if (o.request().index() >= from && o.request().index() < to) {
        sum += o.latencyMillis();
        n++;
      }
    }
    return sum / n;
  }

  /** What a closed loop sees: each call timed from its own send, the next sent after the answer. */
  private static double closedLoopP99Millis(Vertx vertx, String url, int calls) {
    HttpClient client = vertx.createHttpClient();
    java.net.URI base = java.net.URI.create(url);
    List<Long> micros = new ArrayList<>();
    AtomicLong start = new AtomicLong();
    for (int i = 0; i < calls; i++) {
      start.set(System.nanoTime());
      client
          .request(HttpMethod.GET, base.getPort(), base.getHost(), "/event?d_rtbd=json")
          .compose(req -> req.send().compose(resp -> resp.body()))
          .await();
      micros.add((System.nanoTime() - start.get()) / 1000);
    }
    client.close().await();
    micros.sort(Long::compare);
    return micros.get((int) Math.ceil(calls * 0.99) - 1) / 1000.0;
  }
}
