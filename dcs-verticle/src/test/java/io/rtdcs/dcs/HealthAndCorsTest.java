package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.NodeState;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthAndCorsTest {
  static DcsServer server;

  @BeforeAll
  static void start() {
    server =
        new DcsServer(
            new JsonObject().put("cors.origins", new JsonArray().add("https://www.example.com")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void resetStubs() {
    server.stubs.reset();
  }

  @Test
  void readyShouldFollowTheNodeStateWhileLiveIsAlwaysUp() {
    NodeState.setReady(server.vertx, false);
    HttpResponse<Buffer> notReady = server.client.get("/health/ready").send().await();
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.bodyAsJsonObject().getString("outcome")).isEqualTo("DOWN");

    HttpResponse<Buffer> live = server.client.get("/health/live").send().await();
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.bodyAsJsonObject())
        .isEqualTo(
            new JsonObject(
                "{\"status\":\"UP\",\"checks\":[{\"id\":\"http\",\"status\":\"UP\"}],"
                    + "\"outcome\":\"UP\"}"));

    NodeState.setReady(server.vertx, true);
    HttpResponse<Buffer> ready = server.client.get("/health/ready").send().await();
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getJsonArray("checks")).hasSize(2);
  }

  @Test
  void allowedOriginShouldGetCredentialedCorsHeaders() {
    HttpResponse<Buffer> r =
        server
            .client
            .get("/event?d_rtbd=json")
            .putHeader("Origin", "https://www.example.com")
            .send()
            .await();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://www.example.com");
    assertThat(r.getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
  }

  @Test
  void preflightFromAllowedOriginShouldAllowPost() {
    HttpResponse<Buffer> r =
        server
            .client
            .request(io.vertx.core.http.HttpMethod.OPTIONS, "/event")
            .putHeader("Origin", "https://www.example.com")
            .putHeader("Access-Control-Request-Method", "POST")
            .send()
            .await();

    assertThat(r.statusCode()).isIn(200, 204);
    assertThat(r.getHeader("Access-Control-Allow-Methods")).contains("POST");
  }

  @Test
  void otherOriginShouldNotGetCorsHeaders() {
    HttpResponse<Buffer> r =
        server
            .client
            .get("/event?d_rtbd=json")
            .putHeader("Origin", "https://evil.example")
            .send()
            .await();

    assertThat(r.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(server.stubs.totalReceived()).isZero();
  }
}
