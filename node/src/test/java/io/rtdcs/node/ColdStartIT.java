package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16, test 4: a node of the fat jar with the demo configuration (demo partner, demo rules,
 * production defaults), started cold: the first 100 calls after {@code /health/ready} turns 200 all
 * come back with traits and segments, within the budget plus the scheduling margin of BENCHMARKS.md
 * ("Cold start").
 */
@Timeout(180)
class ColdStartIT {
  static final long BUDGET_MS = 150;

  /** Client-side overhead and scheduling on 2 shared cores (BENCHMARKS.md, "Cold start"). */
  static final long MARGIN_MS = 50;

  private final List<NodeProcess> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    NodeProcess.closeAll(nodes);
  }

  @Test
  void theFirstHundredCallsAfterReadyShouldAnswerWithinBudgetWithSegments() throws Exception {
    Path logDir = NodeProcess.logDir().toPath();
    JsonObject conf =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(2), 0, TestPorts.free());
    conf.getJsonObject("dcs").remove("admission"); // production defaults
    conf.getJsonObject("dcs").remove("warmup");
    TestConfigs.partnerSection(conf).remove("warmup");
    Path confFile = Files.createTempFile(logDir, "cold-start-", ".json");
    Files.writeString(confFile, conf.encodePrettily());
    NodeProcess node =
        NodeProcess.start(
            confFile, TestPorts.free(), Map.of(), logDir, NodeProcess.PRODUCTION_START_JVM);
    nodes.add(node);
    node.awaitReady(Duration.ofSeconds(90));

    List<Long> latencies = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      long start = System.nanoTime();
      HttpResponse<String> r = node.get("/event?d_rtbd=json&c_category=shoes&c_n=" + i, null);
      long ms = (System.nanoTime() - start) / 1_000_000;
      latencies.add(ms);
      JsonObject body = new JsonObject(r.body());
      JsonArray segments = body.getJsonArray("segments");
      JsonArray traits = body.getJsonArray("traits");
      if (r.statusCode() != 200
          || segments == null
          || segments.isEmpty()
          || traits == null
          || !traits.contains(1001)
          || ms > BUDGET_MS + MARGIN_MS) {
        problems.add("call " + i + ": " + ms + " ms, " + r.statusCode() + " " + r.body());
      }
    }
    System.out.printf(
        "cold start: first call %d ms, max %d ms, latencies %s%n",
        latencies.get(0), latencies.stream().mapToLong(Long::longValue).max().orElse(0), latencies);
    assertThat(problems).isEmpty();
    assertThat(Files.readString(node.log())).contains("warm-up:");
  }
}
