package io.rtdcs.partner.lookup;

import static io.rtdcs.partner.support.Partners.config;
import static io.rtdcs.partner.support.Partners.deploy;
import static io.rtdcs.partner.support.Partners.http;
import static io.rtdcs.partner.support.Partners.lookupRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.partner.demo.DemoPartnerVerticle;
import io.rtdcs.partner.support.TestHazelcast;
import io.rtdcs.partner.support.TimingSlack;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "done when", at the lookup level: three demo partners at 20 ms and one hanging
 * partner (breaker kept closed, so every lookup really waits for it), many lookups in parallel;
 * every reply carries the three partners' segments, the median reply comes at the budget, and the
 * measured p50/p99/max are logged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class LookupUnderLoadTest {
  private static final Logger LOG = LoggerFactory.getLogger(LookupUnderLoadTest.class);
  private static final long BUDGET_MS = 100;
  private static final int LOOKUPS = 800;
  private static final int CONCURRENCY = 16;

  private static HazelcastInstance hz;

  @BeforeAll
  static void startHazelcast() {
    hz = TestHazelcast.member("test-" + UUID.randomUUID(), false);
  }

  @AfterAll
  static void stopHazelcast() {
    hz.shutdown();
  }

  @Test
  void everyLookupShouldCarryTheHealthyPartnersAndArriveWithinTheBudget(Vertx vertx) {
    int fast = demo(vertx, "normal", 20);
    int hanging = demo(vertx, "hang", 0);
    JsonObject neverOpen = new JsonObject().put("maxFailures", 10_000).put("resetTimeoutMs", 1_000);
    deploy(
        vertx,
        hz,
        config(
                http(9301, "http://127.0.0.1:" + fast + "/lookup").put("breaker", neverOpen),
                http(9302, "http://127.0.0.1:" + fast + "/lookup").put("breaker", neverOpen),
                http(9303, "http://127.0.0.1:" + fast + "/lookup").put("breaker", neverOpen),
                http(9304, "http://127.0.0.1:" + hanging + "/lookup").put("breaker", neverOpen))
            .put("http.maxPoolSize", 64));

    run(vertx, 600); // warm-up: a cold JVM misses budgets for its first second
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger incomplete = new AtomicInteger();
    long t0 = System.nanoTime();
    run(vertx, LOOKUPS, latencies, incomplete);
    long wallMs = (System.nanoTime() - t0) / 1_000_000;

    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long p50 = sorted.get(sorted.size() / 2);
    long p99 = sorted.get((int) (sorted.size() * 0.99));
    long max = sorted.get(sorted.size() - 1);
    LOG.info(
        "{} lookups, concurrency {}, budget {} ms: p50 {} ms, p99 {} ms, max {} ms, {} lookups/s,"
            + " {} without all three healthy partners",
        LOOKUPS,
        CONCURRENCY,
        BUDGET_MS,
        p50,
        p99,
        max,
        LOOKUPS * 1000L / Math.max(1, wallMs),
        incomplete.get());
    // on an overloaded box (slack widened) a healthy 20 ms partner may miss a 95 ms deadline
    assertThat(incomplete.get())
        .isLessThanOrEqualTo(TimingSlack.ms() > TimingSlack.DEFAULT_SLACK_MS ? LOOKUPS / 20 : 0);
    // every lookup waits for the hanging partner until the deadline: the median sits at the budget.
    // The tail is logged, not asserted tightly: on a shared 2-core machine a starved event loop
    // fires its timers late (the per-lookup +10 ms bound is asserted in FaultZooTest).
    assertThat(p50).isLessThanOrEqualTo(BUDGET_MS + TimingSlack.ms());
    assertThat(max).isLessThan(BUDGET_MS * 5);
  }

  private static int demo(Vertx vertx, String mode, long latencyMs) {
    DemoPartnerVerticle demo = new DemoPartnerVerticle();
    vertx
        .deployVerticle(
            demo,
            new DeploymentOptions()
                .setConfig(
                    new JsonObject().put("port", 0).put("mode", mode).put("latencyMs", latencyMs)))
        .await();
    return demo.actualPort();
  }

  private static void run(Vertx vertx, int count) {
    run(vertx, count, Collections.synchronizedList(new ArrayList<>()), new AtomicInteger());
  }

  private static void run(Vertx vertx, int count, List<Long> latencies, AtomicInteger incomplete) {
    AtomicInteger started = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < CONCURRENCY; i++) {
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(v -> next(vertx, count, started, latencies, incomplete, done));
      workers.add(done.future());
    }
    Future.all(workers).await();
  }

  private static void next(
      Vertx vertx,
      int count,
      AtomicInteger started,
      List<Long> latencies,
      AtomicInteger incomplete,
      Promise<Void> done) {
    int n = started.getAndIncrement();
    if (n >= count) {
      done.complete();
      return;
    }
    JsonObject request = lookupRequest(BUDGET_MS).put("uuid", Long.toString(1_000_000L + n));
    long t0 = System.nanoTime();
    vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.PARTNER_LOOKUP, request, new DeliveryOptions().setSendTimeout(5_000))
        .onComplete(
            ar -> {
              latencies.add((System.nanoTime() - t0) / 1_000_000);
              if (ar.failed() || okCount(ar.result().body()) != 3) {
                incomplete.incrementAndGet();
              }
              next(vertx, count, started, latencies, incomplete, done);
            });
  }

  private static long okCount(JsonObject reply) {
    return reply.getJsonArray("outcomes").stream()
        .map(JsonObject.class::cast)
        .filter(o -> o.getString("outcome").equals("ok"))
        .count();
  }
}
