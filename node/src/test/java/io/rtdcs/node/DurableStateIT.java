package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.store.PostgresServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Durable state (docs/storage.md), with fat-jar JVMs on loopback: a whole cluster stopped with
 * SIGTERM and started again has every acknowledged count, link, opt-out and definition back, and
 * the deleted visitor is gone; the same for the embedded default shared by two nodes of one host.
 */
@Timeout(600)
class DurableStateIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int VISITORS = 10_000;
  private static final String DPID = "777";

  private static PostgresServer postgres;
  private final List<NodeProcess> nodes = new ArrayList<>();

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresServer.create();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @AfterEach
  void stopAll() {
    NodeProcess.closeAll(nodes);
  }

  /**
   * One visitor as acknowledged by the cluster: its uuid, the realizations of trait 1001 the
   * answers acknowledged, and those it was sent. A call that missed its budget is not acknowledged,
   * but it may still have been stored (the budget bounds the answer, never whether the data is
   * kept), so the stored count lies between the two.
   */
  private record Visitor(int n, String uuid, int shoes, int sent) {}

  @Test
  void aWholeClusterRestartedWithPostgresqlShouldHaveEveryAcknowledgedProfileBack()
      throws Exception {
    Map<String, String> env =
        Map.of(
            "RTDCS_STORE_BACKEND",
            "postgresql",
            "RTDCS_STORE_URL",
            postgres.createDatabase("restart"),
            "RTDCS_STORE_USER",
            PostgresServer.USER);
    Path conf = clusterConf();
    int[] ports = {TestPorts.free(), TestPorts.free(), TestPorts.free()};
    startAll(conf, ports, env);

    List<Visitor> visitors = realize(VISITORS);
    Visitor optedOut = visitors.get(1);
    Visitor deleted = visitors.get(2);
    NodeProcess any = nodes.get(0);
    assertThat(any.get("/demoptout.jpg?d_uuid=" + optedOut.uuid(), null).statusCode())
        .isEqualTo(200);
    assertThat(send("DELETE", any, "/profiles/" + deleted.uuid(), null).statusCode())
        .isEqualTo(200);
    JsonObject changed =
        new JsonObject()
            .put("sid", 1003)
            .put("name", "Big basket (changed before the restart)")
            .put("type", "rule")
            .put("rule", "c_price >= 250")
            .put("ttlDays", 30);
    assertThat(send("PUT", any, "/admin/traits/1003", changed.encode()).statusCode())
        .isEqualTo(200);

    stopAllAtOnce();
    startAll(conf, ports, env);

    NodeProcess reader = nodes.get(1);
    // every visitor read back, 8 at a time through every node
    List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService readers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> reads = new ArrayList<>();
      for (Visitor v : visitors) {
        if (v == deleted) {
          continue;
        }
        NodeProcess node = nodes.get(v.n() % nodes.size());
        reads.add(
            readers.submit(
                () -> {
                  String problem = checkBack(node, v, v == optedOut);
                  if (problem != null) {
                    wrong.add(v.uuid() + ": " + problem);
                  }
                  return null;
                }));
      }
      for (Future<?> f : reads) {
        f.get();
      }
    } finally {
      readers.shutdown();
    }
    assertThat(wrong).as("profiles after the restart").isEmpty();
    assertThat(reader.get("/profiles/" + deleted.uuid(), TestConfigs.ADMIN_TOKEN).statusCode())
        .as("the deleted visitor")
        .isEqualTo(404);
    // the declared-ID links: the visitor's CRM id resolves to its uuid again
    for (Visitor v : visitors.subList(3, 203)) {
      JsonObject answer =
          new JsonObject(
              reader
                  .get("/event?d_rtbd=json&" + TestConfigs.cid(DPID, "crm-" + v.n()), null)
                  .body());
      assertThat(answer.getString("uuid")).as("link of crm-%s", v.n()).isEqualTo(v.uuid());
    }
    JsonObject trait =
        new JsonObject(reader.get("/admin/traits/1003", TestConfigs.ADMIN_TOKEN).body());
    assertThat(trait.getString("name")).isEqualTo("Big basket (changed before the restart)");
  }

  /** What is wrong with one visitor's profile after the restart, or null. */
  private static String checkBack(NodeProcess node, Visitor v, boolean optedOut) throws Exception {
    HttpResponse<String> r = node.get("/profiles/" + v.uuid(), TestConfigs.ADMIN_TOKEN);
    if (r.statusCode() != 200) {
      return "status " + r.statusCode();
    }
    JsonObject p = new JsonObject(r.body());
    if (optedOut) {
      return p.getBoolean("optedOut", false) ? null : "opted out before the restart, not after";
    }
    int shoes = count(p, 1001);
    if (shoes < v.shoes() || shoes > v.sent()) {
      return "trait 1001 counted " + shoes + ", acknowledged " + v.shoes() + " of " + v.sent();
    }
    return null;
  }

  @Test
  void theEmbeddedDefaultSharedByTwoNodesShouldSurviveTheirRestart() throws Exception {
    Path data = Files.createTempDirectory(NodeProcess.logDir().toPath(), "embedded-");
    Map<String, String> env =
        Map.of("RTDCS_STORE_BACKEND", "embedded", "RTDCS_STORE_PATH", data.toString());
    Path conf = clusterConf();
    int[] ports = {TestPorts.free(), TestPorts.free()};
    startAll(conf, ports, env);
    List<Visitor> visitors = realize(200);

    stopAllAtOnce();
    startAll(conf, ports, env);

    for (Visitor v : visitors) {
      HttpResponse<String> r = nodes.get(0).get("/profiles/" + v.uuid(), TestConfigs.ADMIN_TOKEN);
      assertThat(r.statusCode()).as("profile %s", v.uuid()).isEqualTo(200);
      assertThat(count(new JsonObject(r.body()), 1001))
          .as("trait 1001 of %s", v.uuid())
          .isBetween(v.shoes(), v.sent());
    }
  }

  private Path clusterConf() throws Exception {
    Path logDir = NodeProcess.logDir().toPath();
    JsonObject conf =
        TestConfigs.demoCluster(TestConfigs.clusterName(), TestPorts.freeClusterBase(6), 0, 0);
    conf.getJsonObject("demoPartner").put("enabled", false);
    conf.getJsonObject("definitions").put("partners", new JsonArray());
    Path file = Files.createTempFile(logDir, "durable-", ".json");
    Files.writeString(file, conf.encodePrettily());
    return file;
  }

  private void startAll(Path conf, int[] ports, Map<String, String> env) throws Exception {
    nodes.clear();
    Path logDir = NodeProcess.logDir().toPath();
    for (int port : ports) {
      nodes.add(NodeProcess.start(conf, port, env, logDir));
    }
    for (NodeProcess n : nodes) {
      n.awaitReady(Duration.ofSeconds(120));
    }
  }

  /** SIGTERM to every node at once, as a deploy gone wrong or a cluster-wide stop. */
  private void stopAllAtOnce() throws Exception {
    for (NodeProcess n : nodes) {
      n.signalTerminate();
    }
    for (NodeProcess n : nodes) {
      n.terminate(Duration.ofSeconds(60));
    }
  }

  /**
   * {@code count} visitors, spread over the nodes, 8 at a time: each is created with a declared ID
   * and trait 1001, every third comes back once more (1001 counted twice). Only what the answers
   * acknowledge (trait 1001 in the answer) is expected back.
   */
  private List<Visitor> realize(int count) throws Exception {
    // a node's first calls after ready can miss the budget (cold JIT, the first database reads):
    // those visitors would simply not be acknowledged, so warm every node first
    for (NodeProcess node : nodes) {
      for (int i = 0; i < 100; i++) {
        node.get("/event?d_rtbd=json&c_category=warmup&d_cid=778%01warm-" + i, null);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Map<Integer, Visitor> out = new ConcurrentHashMap<>();
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        calls.add(
            pool.submit(
                () -> {
                  NodeProcess node = nodes.get(n % nodes.size());
                  JsonObject first =
                      event(
                          node,
                          "/event?d_rtbd=json&c_category=shoes&"
                              + TestConfigs.cid(DPID, "crm-" + n));
                  if (first == null) {
                    return null;
                  }
                  String uuid = first.getString("uuid");
                  int shoes = 1;
                  int sent = 1;
                  if (n % 3 == 0) {
                    sent = 2;
                    NodeProcess other = nodes.get((n + 1) % nodes.size());
                    if (event(other, "/event?d_rtbd=json&c_category=shoes&d_uuid=" + uuid)
                        != null) {
                      shoes = 2;
                    }
                  }
                  out.put(n, new Visitor(n, uuid, shoes, sent));
                  return null;
                }));
      }
      for (Future<?> f : calls) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<Visitor> visitors = new ArrayList<>(out.values());
    visitors.sort(java.util.Comparator.comparingInt(Visitor::n));
    // only acknowledged visitors are expected back; the test needs most of them to mean something
    assertThat(visitors.size()).isGreaterThan(count * 80 / 100);
    System.out.printf("durable: %d of %d new visitors acknowledged%n", visitors.size(), count);
    return visitors;
  }

  /** The answer when it acknowledges trait 1001, else null. */
  private static JsonObject event(NodeProcess node, String path) throws Exception {
    HttpResponse<String> r = node.get(path, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    return body.getJsonArray("traits", new JsonArray()).contains(1001) ? body : null;
  }

  private static int count(JsonObject profile, int sid) {
    for (Object t : profile.getJsonArray("traits", new JsonArray())) {
      JsonObject trait = (JsonObject) t;
      if (trait.getInteger("sid") == sid) {
        return trait.getInteger("count");
      }
    }
    return 0;
  }

  private static HttpResponse<String> send(
      String method, NodeProcess node, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
