package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded default (issue #15, test 5), through the README's own command: {@code scripts/run}
 * with the demo configuration and the embedded store, a visitor realized three times, SIGTERM,
 * {@code scripts/run} again: {@code GET /profiles/{uuid}} shows the same counts. Only ports, the
 * cluster name, the admin token and the store's directory are overridden, so that the test can run
 * beside anything on the machine.
 */
@Timeout(300)
class EmbeddedRestartIT {
  private NodeProcess node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aVisitorRealizedBeforeAStopShouldHaveTheSameCountsAfterScriptsRunAgain() throws Exception {
    Path logDir = NodeProcess.logDir().toPath();
    Path data = Files.createTempDirectory(logDir, "embedded-data-");
    Map<String, String> env =
        Map.of(
            "RTDCS_STORE_BACKEND", "embedded",
            "RTDCS_STORE_PATH", data.toString(),
            "RTDCS_CLUSTER_NAME", TestConfigs.clusterName(),
            "RTDCS_CLUSTER_PORT", Integer.toString(TestPorts.freeClusterBase(3)),
            "RTDCS_DEMO_PARTNER_PORT", Integer.toString(TestPorts.free()),
            "RTDCS_ADMIN_TOKEN", TestConfigs.ADMIN_TOKEN,
            // this test is about what is kept, not about the deadline: a cold JVM beside a CPU load
            // may miss the 150 ms budget, and then the answer would not say what was stored
            "RTDCS_BUDGET_MS", "3000");
    node =
        NodeProcess.runScript(
            Path.of("..").toAbsolutePath().normalize(), TestPorts.free(), env, logDir);
    node.awaitReady(Duration.ofSeconds(120));

    String uuid = null;
    for (int i = 0; i < 3; i++) {
      String cookie = uuid == null ? "" : "&d_uuid=" + uuid;
      HttpResponse<String> r = node.get("/event?d_rtbd=json&c_category=shoes" + cookie, null);
      assertThat(r.statusCode()).as("call %d: %s", i, r.body()).isEqualTo(200);
      uuid = new JsonObject(r.body()).getString("uuid");
      assertThat(uuid).as("call %d: %s", i, r.body()).isNotNull();
    }
    // every call is collected, also one that admission control answered without its traits (a
    // GC pause of the fresh JVM can defer one: error 202): the three realizations are stored
    String visitor = uuid;
    org.awaitility.Awaitility.await("three realizations stored")
        .atMost(Duration.ofSeconds(30))
        .until(() -> counts(node, visitor).getOrDefault(1001, 0) == 3);
    Map<Integer, Integer> before = counts(node, uuid);
    assertThat(before).as("counts before the stop").containsEntry(1001, 3);

    node.terminate(Duration.ofSeconds(60));
    node = node.startAgain();
    node.awaitReady(Duration.ofSeconds(120));

    assertThat(counts(node, uuid)).as("counts after scripts/run again").isEqualTo(before);
  }

  private static Map<Integer, Integer> counts(NodeProcess n, String uuid) throws Exception {
    HttpResponse<String> r = n.get("/profiles/" + uuid, TestConfigs.ADMIN_TOKEN);
    assertThat(r.statusCode()).as("GET /profiles/%s: %s", uuid, r.body()).isEqualTo(200);
    Map<Integer, Integer> counts = new TreeMap<>();
    JsonArray traits = new JsonObject(r.body()).getJsonArray("traits");
    for (int i = 0; i < traits.size(); i++) {
      JsonObject t = traits.getJsonObject(i);
      counts.put(t.getInteger("sid"), t.getInteger("count"));
    }
    return counts;
  }
}
