package io.rtdcs.partner.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo partner counts its ID syncs, so a browser test can tell whether a sync fired. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class DemoPartnerSyncTest {

  @Test
  void eachSyncShouldBeCountedInTheControlState(Vertx vertx) {
    DemoPartnerVerticle demo = new DemoPartnerVerticle();
    vertx
        .deployVerticle(
            demo,
            new DeploymentOptions()
                .setConfig(
                    new JsonObject()
                        .put("port", 0)
                        .put("dcsUrl", "http://127.0.0.1:18080")
                        .put("latencyMs", 0)))
        .await();
    HttpClient client = vertx.createHttpClient();
    String aam = "12345678901234567890123456789012345678";

    HttpClientResponse sync = get(client, demo.actualPort(), "/sync?aam=" + aam);
    get(client, demo.actualPort(), "/sync?aam=" + aam);

    assertThat(sync.statusCode()).isEqualTo(302);
    assertThat(sync.getHeader("Location"))
        .isEqualTo(
            "http://127.0.0.1:18080/ibs:dpid=9001&dpuuid=demo-"
                + Integer.toHexString(aam.hashCode()));
    JsonObject state =
        client
            .request(HttpMethod.GET, demo.actualPort(), "127.0.0.1", "/control")
            .compose(r -> r.send().compose(HttpClientResponse::body))
            .await()
            .toJsonObject();
    assertThat(state.getLong("syncs")).isEqualTo(2);
    assertThat(state.getLong("requests")).isZero();
  }

  /**
   * The response is read inside {@code send()}'s continuation, which runs on the connection's event
   * loop. Chaining {@code .compose(r -> r.body())} after it instead registers the body handler from
   * whichever thread completes the outer future: when this (non-Vert.x) test thread gets there
   * after the response has ended, the body future never completes (2 hangs in 300 runs beside a CPU
   * load; eclipse-vertx/vert.x#4705).
   */
  private static HttpClientResponse get(HttpClient client, int port, String uri) {
    return client
        .request(HttpMethod.GET, port, "127.0.0.1", uri)
        .compose(req -> req.send().compose(r -> r.body().map(b -> r)))
        .await();
  }
}
