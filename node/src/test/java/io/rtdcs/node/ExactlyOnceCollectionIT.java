package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16, test 1: one visitor, 400 calls realizing one rule trait, 16 at a time, half through
 * each of two fat-jar nodes (production defaults: admission control on). Every call is answered;
 * none says "not processed"; a refused call (429) is sent again after its Retry-After, as a client
 * would; the profile then counts exactly one realization per admitted call: 400.
 */
@Timeout(300)
class ExactlyOnceCollectionIT {
  private static final int CALLS = 400;
  private static final int CONCURRENCY = 16;
  private final List<NodeProcess> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    NodeProcess.closeAll(nodes);
  }

  @Test
  void fourHundredConcurrentRealizationsThroughTwoNodesShouldCountExactlyFourHundred()
      throws Exception {
    Path logDir = NodeProcess.logDir().toPath();
    int clusterPort = TestPorts.freeClusterBase(4);
    JsonObject conf = TestConfigs.demoCluster(TestConfigs.clusterName(), clusterPort, 0, 0);
    conf.getJsonObject("demoPartner").put("enabled", false);
    conf.getJsonObject("definitions").put("partners", new JsonArray());
    // production defaults: admission control on (TestConfigs turns it off for functional tests)
    conf.getJsonObject("dcs").remove("admission");
    Path confFile = Files.createTempFile(logDir, "exactly-once-", ".json");
    Files.writeString(confFile, conf.encodePrettily());
    for (int i = 0; i < 2; i++) {
      nodes.add(NodeProcess.start(confFile, TestPorts.free(), Map.of(), logDir));
    }
    for (NodeProcess n : nodes) {
      n.awaitReady(Duration.ofSeconds(90));
    }
    ClusterSafety.awaitSafe(nodes.get(0).httpPort());
    String uuid = String.format("%019d%019d", System.nanoTime() % 1_000_000_000_000L, 424242L);

    AtomicInteger next = new AtomicInteger();
    AtomicInteger refusals = new AtomicInteger();
    ConcurrentLinkedQueue<String> notProcessed = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> errorCodes = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < CONCURRENCY; t++) {
      workers.add(
          pool.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < CALLS) {
                  NodeProcess node = nodes.get(i % 2);
                  while (true) {
                    HttpResponse<String> r =
                        node.get("/event?d_rtbd=json&c_category=shoes&d_uuid=" + uuid, null);
                    if (r.statusCode() == 429) {
                      refusals.incrementAndGet();
                      Thread.sleep(
                          1_000L * Long.parseLong(r.headers().firstValue("Retry-After").get()));
                      continue;
                    }
                    assertThat(r.statusCode()).isEqualTo(200);
                    if (r.body().contains("not processed")) {
                      notProcessed.add(r.body());
                    }
                    JsonArray errors = new JsonObject(r.body()).getJsonArray("errors");
                    if (errors != null) {
                      errors.forEach(e -> errorCodes.add(((JsonObject) e).getInteger("code")));
                    }
                    break;
                  }
                }
                return null;
              }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();

    assertThat(notProcessed).isEmpty();
    // degraded answers are fine (the answer's budget); every admitted call is stored once
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(count(nodes.get(1), uuid, 1001)).isEqualTo(CALLS));
    // and it stays at 400: no late retry adds one
    Thread.sleep(3_000);
    assertThat(count(nodes.get(0), uuid, 1001)).isEqualTo(CALLS);
    System.out.printf(
        "exactly-once: %d calls, %d refusals retried, error codes %s%n",
        CALLS, refusals.get(), summary(errorCodes));
  }

  private static long count(NodeProcess node, String uuid, int sid) throws Exception {
    HttpResponse<String> r = node.get("/profiles/" + uuid, TestConfigs.ADMIN_TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    for (Object t : new JsonObject(r.body()).getJsonArray("traits")) {
      JsonObject trait = (JsonObject) t;
      if (trait.getInteger("sid") == sid) {
        return trait.getLong("count");
      }
    }
    return 0;
  }

  private static Map<Integer, Long> summary(ConcurrentLinkedQueue<Integer> codes) {
    Map<Integer, Long> out = new java.util.TreeMap<>();
    for (int c : codes) {
      out.merge(c, 1L, Long::sum);
    }
    return out;
  }
}
