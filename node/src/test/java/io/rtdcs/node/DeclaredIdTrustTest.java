package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.ClusterMaps;
import io.rtdcs.dcs.request.DeclaredIdProof;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attacks on a real node by someone who knows (or guesses) another person's declared ID, and by a
 * foreign page reading answers through JSONP (docs/privacy.md, "Declared IDs: who may name a
 * person"). Each failed against the node before declared IDs needed proof.
 */
@Timeout(120)
class DeclaredIdTrustTest {
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
  void aStrangerWithSomeonesDeclaredIdShouldGetNothingOfThem() {
    String alice =
        json(get("/event?d_rtbd=json&c_category=shoes&" + TestConfigs.cid(20915, "crm-alice")))
            .getString("uuid");
    assertThat(link("20915:crm-alice")).isEqualTo(alice);

    // no proof, a wrong signature, a signature under another secret: a new visitor, nothing of
    // Alice's, no cookie of hers, and her link untouched
    String wrongSecret = DeclaredIdProof.sign("another-secret-0123456789abcdefghijkl", "crm-alice");
    for (String attack :
        new String[] {
          "d_cid=20915%01crm-alice",
          "d_cid=20915%01crm-alice&d_cid_sig=20915%01" + "0".repeat(64),
          "d_cid=20915%01crm-alice&d_cid_sig=20915%01" + wrongSecret,
          "d_cid=20915%01crm-alice&" + TestConfigs.sig(20915, "crm-bob")
        }) {
      HttpResponse<Buffer> r = get("/event?d_rtbd=json&" + attack);
      JsonObject answer = json(r);
      assertThat(answer.getString("uuid")).as(attack).isNotEqualTo(alice);
      // Alice's shoes trait (1001) and segment (5001); what the demo partner says of a new
      // visitor (2001-2004) may come back
      assertThat(answer.getJsonArray("traits", new JsonArray())).as(attack).doesNotContain(1001);
      assertThat(answer.getJsonArray("segments", new JsonArray())).as(attack).doesNotContain(5001);
      assertThat(String.valueOf(r.cookies())).as(attack).doesNotContain(alice);
      assertThat(link("20915:crm-alice")).as(attack).isEqualTo(alice);
    }

    // the site's server vouches for the ID: Alice on a new device
    JsonObject proven = json(get("/event?d_rtbd=json&" + TestConfigs.cid(20915, "crm-alice")));
    assertThat(proven.getString("uuid")).isEqualTo(alice);
  }

  @Test
  void anAnonymousOptOutByDeclaredIdShouldOptNobodyOut() {
    String bob =
        json(get("/event?d_rtbd=json&c_category=shoes&" + TestConfigs.cid(20915, "crm-bob")))
            .getString("uuid");

    HttpResponse<Buffer> attack = get("/demoptout.jpg?d_cid=20915%01crm-bob");
    assertThat(attack.getHeader("X-Error")).contains("300");
    JsonObject still = json(get("/event?d_rtbd=json&c_category=shoes&d_uuid=" + bob));
    assertThat(still.getJsonArray("traits")).as("Bob still collected").contains(1001);

    assertThat(get("/demoptout.jpg?" + TestConfigs.cid(20915, "crm-bob")).statusCode())
        .isEqualTo(200);
    HttpResponse<Buffer> after = get("/event?d_rtbd=json&c_category=shoes&d_uuid=" + bob);
    assertThat(after.getHeader("X-Error")).as("Bob, opted out with proof").isEqualTo("171");
  }

  @Test
  void aForeignPageShouldNotReadAnswersThroughJsonp() {
    HttpResponse<Buffer> foreign =
        web.get(port, "127.0.0.1", "/event?c_category=shoes&d_cb=steal")
            .putHeader("Referer", "https://evil.example/page.html")
            .send()
            .await();
    assertThat(foreign.bodyAsString()).doesNotContain("steal(").startsWith("{");
    assertThat(foreign.bodyAsString()).contains("JSONP is not enabled");

    // the demo site's origin is listed in dcs.jsonp.origins
    HttpResponse<Buffer> allowed =
        web.get(port, "127.0.0.1", "/event?c_category=shoes&d_cb=rtdcs.cb.c1")
            .putHeader("Referer", "http://127.0.0.1:8000/index.html")
            .send()
            .await();
    assertThat(allowed.bodyAsString()).startsWith("/**/rtdcs.cb.c1(");
  }

  private static String link(String key) {
    Object link = node.hazelcast().getMap(ClusterMaps.IDS).get(key);
    return link == null ? null : ((io.rtdcs.segment.store.IdLink) link).uuid();
  }

  private static HttpResponse<Buffer> get(String uri) {
    HttpResponse<Buffer> r = web.get(port, "127.0.0.1", uri).send().await();
    assertThat(r.statusCode()).as(uri).isEqualTo(200);
    return r;
  }

  private static JsonObject json(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject();
  }
}
