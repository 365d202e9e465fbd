package io.rtdcs.partner.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo partner speaks the lookup protocol and obeys its control endpoint. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class DemoPartnerVerticleTest {
  private int port;
  private HttpClient client;

  @BeforeEach
  void start(Vertx vertx) {
    DemoPartnerVerticle demo = new DemoPartnerVerticle();
    vertx
        .deployVerticle(
            demo,
            new DeploymentOptions().setConfig(new JsonObject().put("port", 0).put("latencyMs", 0)))
        .await();
    port = demo.actualPort();
    // one connection per call: the test calls from the main thread, outside any Vert.x context
    client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(false));
  }

  private record Answer(int status, long elapsedMs, Buffer body, String location) {}

  /** The response is read inside {@code send()}'s continuation (see DemoPartnerSyncTest#get). */
  private Answer call(HttpMethod method, String uri, String body) {
    long t0 = System.nanoTime();
    return client
        .request(method, port, "127.0.0.1", uri)
        .compose(
            r ->
                (body == null ? r.send() : r.send(body))
                    .compose(
                        resp ->
                            resp.body()
                                .map(
                                    b ->
                                        new Answer(
                                            resp.statusCode(),
                                            (System.nanoTime() - t0) / 1_000_000,
                                            b,
                                            resp.getHeader("Location")))))
        .await();
  }

  @Test
  void postLookupShouldAnswerSegmentsForTheVisitorAndItsSignals() {
    Answer a =
        call(
            HttpMethod.POST,
            "/lookup",
            "{\"uuid\":\"123\",\"signals\":{\"c_category\":[\"shoes\"]},\"tmax\":50}");

    JsonObject answer = a.body().toJsonObject();
    assertThat(a.status()).isEqualTo(200);
    assertThat(answer.getLong("ttl")).isEqualTo(600);
    assertThat(answer.getJsonArray("segments").getList())
        .containsAll(DemoSegments.forVisitor("123", new JsonObject()))
        .contains("shoes-buyer");
  }

  @Test
  void getLookupShouldAnswerTheSameSegments() {
    Answer a = call(HttpMethod.GET, "/lookup?uuid=123&c_category=shoes", null);

    assertThat(a.body().toJsonObject().getJsonArray("segments").getList()).contains("shoes-buyer");
  }

  @Test
  void syncShouldRedirectToTheDcsIbsWithThePartnersOwnId() {
    Answer a = call(HttpMethod.GET, "/sync?aam=123", null);

    assertThat(a.status()).isEqualTo(302);
    assertThat(a.location())
        .isEqualTo(
            "http://127.0.0.1:8080/ibs:dpid=9001&dpuuid=demo-"
                + Integer.toHexString("123".hashCode()));
    assertThat(call(HttpMethod.GET, "/pixel", null).body().toString()).startsWith("GIF89a");
  }

  @Test
  void controlShouldChangeLatencyAndFaultsLive() {
    call(HttpMethod.PUT, "/control", "{\"latencyMs\": 80}");
    assertThat(call(HttpMethod.POST, "/lookup", "{\"uuid\":\"1\"}").elapsedMs())
        .isGreaterThanOrEqualTo(80);

    call(HttpMethod.PUT, "/control", "{\"latencyMs\": 0, \"mode\": \"error\"}");
    assertThat(call(HttpMethod.POST, "/lookup", "{\"uuid\":\"1\"}").status()).isEqualTo(500);

    call(HttpMethod.PUT, "/control", "{\"mode\": \"garbage\"}");
    assertThat(call(HttpMethod.POST, "/lookup", "{\"uuid\":\"1\"}").body().toString())
        .doesNotStartWith("{\"segments\":[\"");

    call(HttpMethod.PUT, "/control", "{\"mode\": \"slow-body\"}");
    Answer slow = call(HttpMethod.POST, "/lookup", "{\"uuid\":\"1\"}");
    assertThat(slow.elapsedMs()).isGreaterThan(500);
    assertThat(slow.body().toJsonObject().getJsonArray("segments")).isNotEmpty();

    assertThat(call(HttpMethod.PUT, "/control", "{\"mode\": \"nonsense\"}").status())
        .isEqualTo(400);
    JsonObject state = call(HttpMethod.GET, "/control", null).body().toJsonObject();
    assertThat(state.getString("mode")).isEqualTo("slow-body");
    assertThat(state.getLong("requests")).isEqualTo(4);
  }
}
