package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.ClusterMaps;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Access and deletion requests through the HTTP admin front of a real node. */
@Timeout(120)
class DataSubjectRequestsTest {
  private static RtdcsNode node;
  private static Vertx client;
  private static WebClient web;
  private static int port;

  @BeforeAll
  static void start() {
    port = TestPorts.free();
    JsonObject conf =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(2), port, TestPorts.free());
    node = RtdcsNode.start(new NodeOptions(TestStore.memory(conf)), Clock.systemUTC()).await();
    client = Vertx.vertx();
    web = WebClient.create(client);
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
      client.close().await();
    }
    if (node != null) {
      node.stop().await();
    }
  }

  @Test
  void deletionShouldRemoveEverythingAndALaterEventShouldStartANewProfile() {
    JsonObject first =
        event(
            // auth state 0: the traits stay on the device (state 1 sends them to the person's)
            "d_rtbd=json&c_category=shoes&d_cid=20915%01crm-42&"
                + TestConfigs.sig(20915, "crm-42"));
    String uuid = first.getString("uuid");
    event("d_rtbd=json&c_category=shoes&d_uuid=" + uuid);
    assertThat(node.hazelcast().getMap(ClusterMaps.IDS).containsKey("20915:crm-42")).isTrue();
    JsonObject before = admin(HttpMethod.GET, "/profiles/" + uuid).bodyAsJsonObject();
    assertThat(before.getJsonArray("traits").getJsonObject(0).getLong("count")).isEqualTo(2);
    assertThat(before.getJsonObject("partnerCache").fieldNames()).contains("9001");
    assertThat(before.getJsonArray("idLinks").getJsonObject(0).getString("key"))
        .isEqualTo("20915:crm-42");

    HttpResponse<Buffer> deleted = admin(HttpMethod.DELETE, "/profiles/" + uuid);

    assertThat(deleted.statusCode()).isEqualTo(200);
    JsonObject erased = deleted.bodyAsJsonObject().getJsonArray("deleted").getJsonObject(0);
    assertThat(erased.getBoolean("profile")).isTrue();
    assertThat(erased.getJsonArray("idLinks").getList()).containsExactly("20915:crm-42");
    assertThat(erased.getJsonArray("partnerAnswers").getList()).contains(9001);
    assertThat(admin(HttpMethod.GET, "/profiles/" + uuid).statusCode()).isEqualTo(404);
    assertThat(node.hazelcast().getMap(ClusterMaps.IDS).containsKey("20915:crm-42")).isFalse();

    // the same visitor comes back: a new profile, counted from 1, the partner asked again
    event("d_rtbd=json&c_category=shoes&d_uuid=" + uuid);
    JsonObject after = admin(HttpMethod.GET, "/profiles/" + uuid).bodyAsJsonObject();
    assertThat(after.getJsonArray("traits").getJsonObject(0).getLong("count")).isEqualTo(1);
    assertThat(after.getJsonArray("declaredIds")).isEmpty();
  }

  @Test
  void deletionByDeclaredIdShouldEraseTheLinkedProfile() {
    String uuid =
        event("d_rtbd=json&c_category=shoes&" + TestConfigs.cid(20915, "crm-77")).getString("uuid");

    HttpResponse<Buffer> deleted = admin(HttpMethod.DELETE, "/profiles?dpid=20915&dpuuid=crm-77");

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(
            deleted.bodyAsJsonObject().getJsonArray("deleted").getJsonObject(0).getString("uuid"))
        .isEqualTo(uuid);
    assertThat(admin(HttpMethod.GET, "/profiles/" + uuid).statusCode()).isEqualTo(404);
  }

  @Test
  void deletionShouldNeedTheAdminTokenAndValidIds() {
    assertThat(
            web.request(HttpMethod.DELETE, port, "127.0.0.1", "/profiles/" + "1".repeat(38))
                .send()
                .await()
                .statusCode())
        .isEqualTo(401);
    assertThat(
            web.request(HttpMethod.DELETE, port, "127.0.0.1", "/profiles?dpid=1&dpuuid=x")
                .send()
                .await()
                .statusCode())
        .isEqualTo(401);
    assertThat(admin(HttpMethod.DELETE, "/profiles/123").statusCode()).isEqualTo(400);
    assertThat(admin(HttpMethod.DELETE, "/profiles?dpid=x&dpuuid=y").statusCode()).isEqualTo(400);
    assertThat(admin(HttpMethod.DELETE, "/profiles?dpid=1").statusCode()).isEqualTo(400);
  }

  private static HttpResponse<Buffer> admin(HttpMethod method, String uri) {
    return web.request(method, port, "127.0.0.1", uri)
        .bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN)
        .send()
        .await();
  }

  private static JsonObject event(String query) {
    HttpResponse<Buffer> r = web.get(port, "127.0.0.1", "/event?" + query).send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }
}
