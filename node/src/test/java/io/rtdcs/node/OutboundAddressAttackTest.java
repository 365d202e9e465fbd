package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.ClusterMaps;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An admin token (or an operator's typo) must not turn the node into a proxy into its own network:
 * a partner or destination whose URL reaches the cloud metadata service, a private address or a
 * loopback port that {@code egress.allow} does not name is refused when written, with 400 naming
 * the field and the reason, nothing is stored and nothing is ever called (docs/privacy.md, "What
 * the node calls"). The node runs the demo config: {@code egress.allow} is {@code 127.0.0.1}; the
 * internal service the attacker aims at listens on 127.0.0.2, loopback too but not allowed.
 */
@Timeout(120)
class OutboundAddressAttackTest {
  private static RtdcsNode node;
  private static Vertx client;
  private static WebClient web;
  private static HttpServer internal;
  private static final List<String> internalHits = new CopyOnWriteArrayList<>();
  private static int port;

  @BeforeAll
  static void start() {
    port = TestPorts.free();
    JsonObject conf =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(2), port, TestPorts.free());
    assertThat(conf.getJsonObject("egress").getJsonArray("allow"))
        .isEqualTo(new JsonArray().add("127.0.0.1"));
    node = RtdcsNode.start(new NodeOptions(TestStore.memory(conf)), Clock.systemUTC()).await();
    client = Vertx.vertx();
    web = WebClient.create(client);
    internal =
        client
            .createHttpServer()
            .requestHandler(
                req -> {
                  internalHits.add(req.method() + " " + req.uri());
                  req.response().end("{\"segments\":[\"stolen\"]}");
                })
            .listen(0, "127.0.0.2")
            .await();
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
  void aPartnerOnTheMetadataAddressShouldBeRefusedNamingTheFieldAndNeverStored() {
    JsonObject partner =
        new JsonObject()
            .put("name", "metadata thief")
            .put("url", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")
            .put("signals", new JsonArray().add("c_category"));

    HttpResponse<Buffer> put = send(HttpMethod.PUT, "/admin/partners/9100", partner);

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.bodyAsJsonObject().getString("error"))
        .isEqualTo(
            "url: resolves to a cloud metadata address (169.254.169.254); only an egress.allow"
                + " entry of exactly 169.254.169.254 permits it");
    assertThat(send(HttpMethod.GET, "/admin/partners/9100", null).statusCode()).isEqualTo(404);
    assertThat(node.hazelcast().getMap(ClusterMaps.PARTNERS).containsKey(9100)).isFalse();

    // the same address spelled as one decimal number, or as IPv4-mapped IPv6
    for (String url :
        new String[] {"http://2852039166/latest/meta-data/", "http://[::ffff:a9fe:a9fe]/latest/"}) {
      HttpResponse<Buffer> again =
          send(HttpMethod.PUT, "/admin/partners/9100", partner.copy().put("url", url));
      assertThat(again.statusCode()).as(url).isEqualTo(400);
      assertThat(again.bodyAsJsonObject().getString("error"))
          .as(url)
          .startsWith("url: resolves to a cloud metadata address (169.254.169.254)");
    }
  }

  @Test
  void aPartnerOnAnInternalServiceShouldBeRefusedAndNeverCalled() {
    String url = "http://127.0.0.2:" + internal.actualPort() + "/lookup";
    JsonObject partner =
        new JsonObject().put("url", url).put("signals", new JsonArray().add("c_category"));

    HttpResponse<Buffer> put = send(HttpMethod.PUT, "/admin/partners/9101", partner);

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.bodyAsJsonObject().getString("error"))
        .isEqualTo(
            "url: resolves to a loopback address (127.0.0.2); add it to egress.allow to permit");
    // visitors keep coming: the internal service never hears of them
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> event =
          web.get(port, "127.0.0.1", "/event?d_rtbd=json&c_category=shoes").send().await();
      assertThat(event.statusCode()).isEqualTo(200);
    }
    assertThat(internalHits).isEmpty();
    assertThat(send(HttpMethod.GET, "/admin/partners/9101", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aServerToServerDestinationOnAPrivateAddressShouldBeRefusedNamingTheField() {
    JsonObject destination =
        new JsonObject()
            .put("type", "s2s")
            .put("name", "exfiltration")
            .put("url", "https://10.0.0.7/push")
            .put("userDpid", 9001)
            .put(
                "mappings",
                new JsonArray().add(new JsonObject().put("segment", 5001).put("value", "a")));

    HttpResponse<Buffer> put = send(HttpMethod.PUT, "/admin/destinations/7300", destination);

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.bodyAsJsonObject().getString("error"))
        .isEqualTo(
            "url: resolves to a private address (10.0.0.7); add it to egress.allow to permit");

    // a public push URL with its token endpoint on the internal service
    JsonObject viaToken =
        destination
            .copy()
            .put("url", "https://8.8.8.8/push")
            .put(
                "oauth",
                new JsonObject()
                    .put("tokenUrl", "https://127.0.0.2:" + internal.actualPort() + "/token")
                    .put("clientId", "rtdcs")
                    .put("clientSecret", "s3cret-value"));
    HttpResponse<Buffer> token = send(HttpMethod.PUT, "/admin/destinations/7300", viaToken);

    assertThat(token.statusCode()).isEqualTo(400);
    assertThat(token.bodyAsJsonObject().getString("error"))
        .isEqualTo(
            "oauth.tokenUrl: resolves to a loopback address (127.0.0.2); add it to egress.allow"
                + " to permit");
    assertThat(send(HttpMethod.GET, "/admin/destinations/7300", null).statusCode()).isEqualTo(404);
    assertThat(internalHits).isEmpty();
  }

  @Test
  void theDemoPartnerOnTheAllowedLoopbackAddressShouldStillBeCalled() {
    HttpResponse<Buffer> event =
        web.get(port, "127.0.0.1", "/event?d_rtbd=json&c_category=shoes").send().await();

    assertThat(event.statusCode()).isEqualTo(200);
    // 5003 comes only from the demo partner's real-time answer (127.0.0.1, allowed)
    assertThat(event.bodyAsJsonObject().getJsonArray("segments")).contains(5003);
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String uri, JsonObject body) {
    var request =
        web.request(method, port, "127.0.0.1", uri)
            .bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }
}
