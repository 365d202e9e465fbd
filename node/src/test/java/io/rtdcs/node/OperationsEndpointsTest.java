package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real node (demo config, private cluster) serving {@code /metrics}, {@code /health/*} and the
 * dashboard's data after real {@code /event}, opt-out and bad calls; and a second node with {@code
 * metrics.enabled=false} that serves no {@code /metrics} and still answers.
 */
@Timeout(120)
class OperationsEndpointsTest {
  private static RtdcsNode node;
  private static RtdcsNode quiet;
  private static Vertx client;
  private static WebClient web;
  private static int port;
  private static int quietPort;
  private static int quietAdminPort;

  @BeforeAll
  static void startNodes() {
    String cluster = TestConfigs.clusterName();
    int clusterPort = TestPorts.freeClusterBase(4);
    int demoPort = TestPorts.free();
    port = TestPorts.free();
    quietPort = TestPorts.free();
    JsonObject conf = TestConfigs.demoCluster(cluster, clusterPort, port, demoPort);
    // functional, not timing: a cold JVM on a busy machine gets room
    conf.getJsonObject("dcs").put("budgetMs", 3000).put("storeReserveMs", 1000);
    conf.getJsonObject("definitions")
        .getJsonArray("partners")
        .getJsonObject(0)
        .put("timeoutMs", 1500);
    // per-trait and per-segment series on (off by default: MonitoringKitTest)
    conf.put("metrics", new JsonObject().put("perDefinition", true));
    node = RtdcsNode.start(new NodeOptions(TestStore.memory(conf)), Clock.systemUTC()).await();
    JsonObject quietConf = TestConfigs.demoCluster(cluster, clusterPort, quietPort, demoPort);
    quietConf.getJsonObject("demoPartner").put("enabled", false);
    quietConf.put("metrics", new JsonObject().put("enabled", false));
    // an admin listener: the dashboard and readiness details leave the public port
    quietAdminPort = TestPorts.free();
    quietConf
        .getJsonObject("dcs")
        .put("admin", new JsonObject().put("port", quietAdminPort).put("host", "127.0.0.1"));
    // only an HTTP front: every event-bus request lands on the measured node, whose meters count it
    quietConf.put(
        "verticles",
        new JsonObject()
            .put("partner", new JsonObject().put("instances", 0))
            .put("segment", new JsonObject().put("instances", 0)));
    quiet =
        RtdcsNode.start(new NodeOptions(TestStore.memory(quietConf)), Clock.systemUTC()).await();
    client = Vertx.vertx();
    web = WebClient.create(client);
    // traffic only once the second member holds its partitions (as docs/deploy.md asks before
    // traffic): in one of ten suite runs the opt-out below counted nothing; its answer was not
    // checked then (now it is), and the one thing in flight at that moment was the first partition
    // migration to the second member, which other tests here have seen delay operations by seconds
    ClusterSafety.awaitSafe(port);
  }

  @AfterAll
  static void stopNodes() {
    if (web != null) {
      web.close();
      client.close().await();
    }
    if (quiet != null) {
      quiet.stop().await();
    }
    if (node != null) {
      node.stop().await();
    }
  }

  @Test
  void metricsShouldListTheSeriesOfEventsPartnersProfilesSegmentsOptOutsAndErrors() {
    for (int i = 0; i < 3; i++) {
      assertThat(get(port, "/event?d_rtbd=json&c_category=shoes").statusCode()).isEqualTo(200);
    }
    get(port, "/event?d_rtbd=json&d_uuid=not-a-uuid");
    assertThat(get(port, "/demoptout.jpg?d_uuid=" + "1".repeat(38)).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> metrics = get(port, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain");
    Map<String, Double> series = parse(metrics.bodyAsString());
    assertThat(series.get("rtdcs_event_seconds_count")).isGreaterThanOrEqualTo(4);
    assertThat(series).containsKey("rtdcs_event_seconds_bucket{le=\"0.001\"}");
    assertThat(series.get("rtdcs_partner_call_seconds_count{dpid=\"9001\"}")).isGreaterThan(0);
    assertThat(series.get("rtdcs_partner_calls_total{dpid=\"9001\",outcome=\"ok\"}"))
        .isGreaterThan(0);
    assertThat(series.get("rtdcs_partner_breaker_state{dpid=\"9001\"}")).isEqualTo(0);
    assertThat(series.get("rtdcs_profile_store_seconds_count{op=\"realize\"}")).isGreaterThan(0);
    assertThat(series.get("rtdcs_trait_realizations_total{trait=\"1001\"}")).isGreaterThan(0);
    assertThat(series.get("rtdcs_segment_qualifications_total{segment=\"5001\"}"))
        .isGreaterThanOrEqualTo(3);
    assertThat(series.get("rtdcs_optouts_total")).isGreaterThanOrEqualTo(1);
    assertThat(series.get("rtdcs_errors_total{code=\"102\"}")).isGreaterThanOrEqualTo(1);
    // Vert.x's own: HTTP server and event bus
    assertThat(series.keySet())
        .anyMatch(k -> k.startsWith("vertx_http_server_requests_total{"))
        .anyMatch(k -> k.startsWith("vertx_eventbus_processed_total{"));
    // nothing per visitor
    assertThat(metrics.bodyAsString()).doesNotContain("1".repeat(38));
  }

  @Test
  void readinessShouldReportEachCheckWithTheClusterState() {
    HttpResponse<Buffer> ready = get(port, "/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    JsonObject body = ready.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("UP");
    Map<String, JsonObject> checks = checks(body.getJsonArray("checks"));
    assertThat(checks).containsOnlyKeys("http", "node", "hazelcast", "definitions");
    assertThat(checks.values()).allMatch(c -> "UP".equals(c.getString("status")));
    JsonObject cluster = checks.get("hazelcast").getJsonObject("data");
    assertThat(cluster.getString("state")).isEqualTo("ACTIVE");
    assertThat(cluster.getInteger("members")).isEqualTo(2);
    assertThat(cluster.getBoolean("member")).isTrue();

    JsonObject live = get(port, "/health/live").bodyAsJsonObject();
    assertThat(live.getString("status")).isEqualTo("UP");
  }

  @Test
  void dashboardDataShouldNeedTheAdminTokenAndShowMembersWithTheirVerticles() {
    assertThat(get(port, "/dashboard/data").statusCode()).isEqualTo(401);
    assertThat(get(port, "/dashboard").statusCode()).isEqualTo(200);
    get(port, "/event?d_rtbd=json&c_category=shoes");

    HttpResponse<Buffer> data =
        web.get(port, "127.0.0.1", "/dashboard/data")
            .bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN)
            .send()
            .await();
    assertThat(data.statusCode()).isEqualTo(200);
    JsonObject body = data.bodyAsJsonObject();
    JsonArray members = body.getJsonArray("members");
    assertThat(members).hasSize(2);
    assertThat(members.stream().map(m -> ((JsonObject) m).getString("httpPort")))
        .containsExactlyInAnyOrder(Integer.toString(port), Integer.toString(quietPort));
    JsonObject local =
        members.stream()
            .map(JsonObject.class::cast)
            .filter(m -> m.getBoolean("local"))
            .findFirst()
            .orElseThrow();
    assertThat(local.getJsonObject("verticles").getMap())
        .containsEntry("dcs", 2)
        .containsEntry("partner", 1)
        .containsEntry("segment", 1);
    JsonObject front =
        members.stream()
            .map(JsonObject.class::cast)
            .filter(m -> !m.getBoolean("local"))
            .findFirst()
            .orElseThrow();
    assertThat(front.getJsonObject("verticles").getMap())
        .containsEntry("dcs", 2)
        .containsEntry("partner", 0)
        .containsEntry("segment", 0);
    assertThat(body.getJsonObject("events").getLong("count")).isGreaterThan(0);
    JsonObject partner = body.getJsonArray("partners").getJsonObject(0);
    assertThat(partner.getInteger("dpid")).isEqualTo(9001);
    assertThat(partner.getJsonObject("latency").getDouble("p99Ms")).isGreaterThan(0);
    assertThat(partner.getString("breaker")).isEqualTo("closed");
    assertThat(body.getJsonObject("segments").getLong("5001")).isGreaterThan(0);
  }

  @Test
  void withAnAdminListenerThePublicPortShouldShowNoDashboardAndNoReadinessDetails() {
    assertThat(get(quietPort, "/dashboard").statusCode()).isEqualTo(404);
    assertThat(get(quietAdminPort, "/dashboard").statusCode()).isEqualTo(200);
    JsonObject publicReady = get(quietPort, "/health/ready").bodyAsJsonObject();
    assertThat(publicReady.getString("status")).isEqualTo("UP");
    assertThat(publicReady.containsKey("checks"))
        .as("members, store: admin listener only")
        .isFalse();
    assertThat(get(quietAdminPort, "/health/ready").bodyAsJsonObject().getJsonArray("checks"))
        .isNotEmpty();
  }

  @Test
  void nodeWithMetricsOffShouldServeNoMetricsAndStillAnswer() {
    assertThat(get(quietPort, "/metrics").statusCode()).isEqualTo(404);
    assertThat(get(quietPort, "/event?d_rtbd=json&c_category=shoes").statusCode()).isEqualTo(200);
    assertThat(get(quietPort, "/health/ready").statusCode()).isEqualTo(200);
  }

  private static HttpResponse<Buffer> get(int port, String uri) {
    return web.get(port, "127.0.0.1", uri).send().await();
  }

  private static Map<String, JsonObject> checks(JsonArray checks) {
    Map<String, JsonObject> out = new HashMap<>();
    for (Object c : checks) {
      out.put(((JsonObject) c).getString("id"), (JsonObject) c);
    }
    return out;
  }

  /** Prometheus text: "name{labels} value" lines, comments skipped. */
  private static Map<String, Double> parse(String text) {
    Map<String, Double> out = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return out;
  }
}
