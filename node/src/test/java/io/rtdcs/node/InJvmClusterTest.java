package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two rtdcs nodes in one JVM forming a real Hazelcast cluster on loopback (private cluster name and
 * ports): a visitor served by node A is the same stored profile when read or served on node B.
 */
@Timeout(120)
class InJvmClusterTest {
  private static RtdcsNode a;
  private static RtdcsNode b;
  private static Vertx client;
  private static WebClient web;
  private static int portA;
  private static int portB;

  @BeforeAll
  static void startTwoNodes() {
    String cluster = TestConfigs.clusterName();
    int clusterPort = TestPorts.freeClusterBase(4);
    int demoPort = TestPorts.free();
    portA = TestPorts.free();
    portB = TestPorts.free();
    JsonObject confA = TestConfigs.demoCluster(cluster, clusterPort, portA, demoPort);
    JsonObject confB = TestConfigs.demoCluster(cluster, clusterPort, portB, demoPort);
    confB.getJsonObject("demoPartner").put("enabled", false);
    a = RtdcsNode.start(new NodeOptions(TestStore.memory(confA)), Clock.systemUTC()).await();
    b = RtdcsNode.start(new NodeOptions(TestStore.memory(confB)), Clock.systemUTC()).await();
    client = Vertx.vertx();
    web = WebClient.create(client);
    warmUp(portA);
    warmUp(portB);
  }

  /**
   * A cold JVM can miss the 150 ms budget on its first calls (JIT, first Hazelcast operations); the
   * assertions below are about the cluster, not about cold starts, so each node serves a few calls
   * first.
   */
  private static void warmUp(int port) {
    for (int i = 0; i < 20; i++) {
      web.get(port, "127.0.0.1", "/event?d_rtbd=json&c_category=warmup").send().await();
    }
  }

  @AfterAll
  static void stopNodes() {
    if (web != null) {
      web.close();
      client.close().await();
    }
    if (b != null) {
      b.stop().await();
    }
    if (a != null) {
      a.stop().await();
    }
  }

  @Test
  void bothNodesShouldSeeATwoMemberCluster() {
    assertThat(a.hazelcast().getCluster().getMembers()).hasSize(2);
    assertThat(b.hazelcast().getCluster().getMembers()).hasSize(2);
  }

  @Test
  void eventServedByNodeAShouldBeTheProfileReadOnNodeB() {
    JsonObject first = event(portA, "d_rtbd=json&c_category=shoes");
    String uuid = first.getString("uuid");
    assertThat(uuid).matches("\\d{38}");
    // the shoe rule and the demo partner (every visitor gets at least one of its segments)
    assertThat(first.getJsonArray("segments").getList()).contains(5001, 5003);

    HttpResponse<Buffer> profile =
        web.get(portB, "127.0.0.1", "/profiles/" + uuid)
            .bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN)
            .send()
            .await();
    assertThat(profile.statusCode()).isEqualTo(200);
    JsonObject body = profile.bodyAsJsonObject();
    assertThat(body.getString("uuid")).isEqualTo(uuid);
    assertThat(body.getJsonArray("traits").stream().map(t -> ((JsonObject) t).getInteger("sid")))
        .contains(1001);
    assertThat(body.getJsonObject("partnerCache").fieldNames()).contains("9001");

    JsonObject second = event(portB, "d_rtbd=json&c_category=shoes&d_uuid=" + uuid);
    assertThat(second.getString("uuid")).isEqualTo(uuid);
    // the second shoe realization within 7 days qualifies FREQUENCY([1001T] <= 7D) >= 2
    assertThat(second.getJsonArray("segments").getList()).contains(5001, 5002, 5003);
  }

  @Test
  void readinessShouldBeUpOnBothNodes() {
    assertThat(web.get(portA, "127.0.0.1", "/health/ready").send().await().statusCode())
        .isEqualTo(200);
    assertThat(web.get(portB, "127.0.0.1", "/health/ready").send().await().statusCode())
        .isEqualTo(200);
  }

  private static JsonObject event(int port, String query) {
    HttpResponse<Buffer> r = web.get(port, "127.0.0.1", "/event?" + query).send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }
}
