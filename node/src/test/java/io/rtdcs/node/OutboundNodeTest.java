package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A whole node in this JVM with a server-to-server destination: a segment qualified on {@code
 * /event} reaches a real HTTP destination on 127.0.0.1 within a second, in AAM's format.
 */
@Timeout(60)
class OutboundNodeTest {
  private static RtdcsNode node;
  private static Vertx client;
  private static WebClient web;
  private static HttpServer destination;
  private static final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  private static int port;

  private record Arrival(JsonObject body, long nanos) {}

  @BeforeAll
  static void start() {
    client = Vertx.vertx();
    web = WebClient.create(client);
    destination =
        client
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              arrivals.add(new Arrival(b.toJsonObject(), System.nanoTime()));
                              req.response().end();
                            }))
            .listen(0, "127.0.0.1")
            .await();
    port = TestPorts.free();
    JsonObject conf =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(2), port, TestPorts.free());
    // a roomy budget: a cold first call on a loaded machine must not time out
    conf.put("dcs", conf.getJsonObject("dcs", new JsonObject()).put("budgetMs", 2000));
    conf.getJsonObject("definitions")
        .getJsonArray("destinations")
        .add(
            new JsonObject()
                .put("id", 7010)
                .put("type", "s2s")
                .put("name", "Partner server")
                .put("url", "http://127.0.0.1:" + destination.actualPort() + "/from-rtdcs")
                .put("userDpid", 20915)
                .put("clientId", "acme")
                .put(
                    "mappings",
                    new JsonArray()
                        .add(new JsonObject().put("segment", 5001).put("value", "shoe_shoppers"))));
    node = RtdcsNode.start(new NodeOptions(TestStore.memory(conf)), Clock.systemUTC()).await();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop().await();
    }
    web.close();
    client.close().await();
  }

  @Test
  void aSegmentQualifiedOnEventShouldReachTheDestinationWithinASecond() {
    long sentAt = System.nanoTime();
    HttpResponse<Buffer> r =
        web.get(port, "127.0.0.1", "/event?d_rtbd=json&c_category=shoes&d_cid=20915%01AB-12")
            .send()
            .await();
    long answeredAt = System.nanoTime();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("segments")).as(r.bodyAsString()).isNotNull();
    String uuid = r.bodyAsJsonObject().getString("uuid");
    assertThat(r.bodyAsJsonObject().getJsonArray("segments").getList()).contains(5001);

    await().atMost(Duration.ofSeconds(1)).until(() -> !arrivals.isEmpty());
    Arrival a = arrivals.get(0);
    System.out.printf(
        "/event answered in %d ms; the push arrived %d ms after the answer (batch window 200 ms)%n",
        (answeredAt - sentAt) / 1_000_000, (a.nanos() - answeredAt) / 1_000_000);
    JsonObject m = a.body();
    assertThat(m.getString("User_DPID")).isEqualTo("20915");
    assertThat(m.getString("Client_ID")).isEqualTo("acme");
    assertThat(m.getString("AAM_Destination_Id")).isEqualTo("7010");
    assertThat(m.getString("User_count")).isEqualTo("1");
    assertThat(m.getString("ProcessTime"))
        .matches("\\w{3} \\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4}");
    JsonObject user = m.getJsonArray("Users").getJsonObject(0);
    assertThat(user.getString("AAM_UUID")).isEqualTo(uuid);
    assertThat(user.getString("DataPartner_UUID")).isEqualTo("AB-12");
    assertThat(user.getJsonArray("AAM_Regions")).isEqualTo(new JsonArray().add("7"));
    JsonObject seg = user.getJsonArray("Segments").getJsonObject(0);
    assertThat(seg.getString("Segment_ID")).isEqualTo("shoe_shoppers");
    assertThat(seg.getString("Status")).isEqualTo("1");

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(web.get(port, "127.0.0.1", "/metrics").send().await().bodyAsString())
                    .contains("rtdcs_outbound_pushes_total{event=\"delivered\"} 1.0"));
  }
}
