package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.Addresses;
import io.rtdcs.dcs.limits.AbuseCounters;
import io.rtdcs.dcs.limits.AbuseLimits;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-client rate limits (429 + Retry-After) and deny-listing of visitor ids (error 306). */
class AbuseLimitsTest {
  static final String UUID_A = "31234567890123456789012345678901234567";
  static final String UUID_B = "41234567890123456789012345678901234567";
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
  DcsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  HttpResponse<Buffer> get(String uri) {
    return server.client.get(uri).send().await();
  }

  @Test
  void anEmptyBucketShouldAnswer429WithRetryAfterAndRecoverWhenItRefills() {
    server =
        new DcsServer(
            new JsonObject()
                .put(
                    "limits",
                    new JsonObject().put("enabled", true).put("burst", 3).put("ratePerSecond", 1)),
            clock);

    for (int i = 0; i < 3; i++) {
      assertThat(get("/event?d_rtbd=json&c_x=" + i).statusCode()).isEqualTo(200);
    }
    HttpResponse<Buffer> limited = get("/event?d_rtbd=json");
    HttpResponse<Buffer> ibsLimited = get("/ibs:dpid=9001&dpuuid=x");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
    assertThat(ibsLimited.statusCode()).isEqualTo(429);
    assertThat(server.stubs.received(Addresses.PROFILE_REALIZE)).hasSize(3);
    assertThat(server.stubs.received(Addresses.ID_SYNC)).isEmpty();
    // health and admin are not limited
    assertThat(get("/health/live").statusCode()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(1));
    assertThat(get("/event?d_rtbd=json").statusCode()).isEqualTo(200);
    assertThat(get("/event?d_rtbd=json").statusCode()).isEqualTo(429);

    clock.advance(Duration.ofSeconds(3));
    for (int i = 0; i < 3; i++) {
      assertThat(get("/event?d_rtbd=json").statusCode()).isEqualTo(200);
    }
    AbuseCounters counters = AbuseLimits.counters(server.vertx);
    assertThat(counters.rateLimited()).isEqualTo(3);
  }

  @Test
  void limitingByUuidShouldGiveEachVisitorItsOwnBucket() {
    server =
        new DcsServer(
            new JsonObject()
                .put("limits.enabled", true)
                .put("limits.key", "uuid")
                .put("limits.burst", 2)
                .put("limits.ratePerSecond", 1),
            clock);

    assertThat(get("/event?d_uuid=" + UUID_A).statusCode()).isEqualTo(200);
    assertThat(get("/event?d_uuid=" + UUID_A).statusCode()).isEqualTo(200);
    assertThat(get("/event?d_uuid=" + UUID_A).statusCode()).isEqualTo(429);
    assertThat(get("/event?d_uuid=" + UUID_B).statusCode()).isEqualTo(200);
  }

  @Test
  void aVisitorIdSeenAtAnAbnormalRateShouldBeDenyListedForAWhile() {
    server =
        new DcsServer(
            new JsonObject()
                .put(
                    "limits",
                    new JsonObject()
                        .put(
                            "denyList",
                            new JsonObject()
                                .put("threshold", 5)
                                .put("windowSeconds", 10)
                                .put("seconds", 60))),
            clock);

    for (int i = 0; i < 5; i++) {
      assertThat(get("/event?d_rtbd=json&d_uuid=" + UUID_A).getHeader("X-Error")).isNull();
    }
    HttpResponse<Buffer> denied = get("/event?d_rtbd=json&d_uuid=" + UUID_A);

    assertThat(denied.statusCode()).isEqualTo(200);
    assertThat(denied.getHeader("X-Error")).isEqualTo("306");
    assertThat(denied.getHeader("Set-Cookie")).isNull();
    assertThat(denied.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getInteger("code"))
        .isEqualTo(306);
    assertThat(server.stubs.received(Addresses.PROFILE_REALIZE)).hasSize(5);
    // the cookie carries the same id: still refused, on /ibs too
    assertThat(
            server
                .client
                .get("/ibs:dpid=9001&dpuuid=x")
                .putHeader("Cookie", "demdex=" + UUID_A)
                .send()
                .await()
                .getHeader("X-Error"))
        .isEqualTo("306");
    // other visitors are served
    assertThat(get("/event?d_rtbd=json&d_uuid=" + UUID_B).getHeader("X-Error")).isNull();

    clock.advance(Duration.ofSeconds(30));
    assertThat(get("/event?d_rtbd=json&d_uuid=" + UUID_A).getHeader("X-Error")).isEqualTo("306");
    clock.advance(Duration.ofSeconds(31));
    assertThat(get("/event?d_rtbd=json&d_uuid=" + UUID_A).getHeader("X-Error")).isNull();

    AbuseCounters counters = AbuseLimits.counters(server.vertx);
    assertThat(counters.denyListed()).isEqualTo(1);
    assertThat(counters.deniedCalls()).isEqualTo(3);
  }

  @Test
  void invalidLimitsShouldFailTheDeploymentNamingTheKey() {
    for (JsonObject bad :
        new JsonObject[] {
          new JsonObject().put("limits.burst", 0),
          new JsonObject().put("limits.key", "ip"),
          new JsonObject().put("limits", new JsonObject().put("ratePerSecond", "many")),
          new JsonObject().put("trustedProxies", new io.vertx.core.json.JsonArray().add("proxy")),
          new JsonObject().put("http.idleTimeoutSeconds", 0),
          new JsonObject().put("tls.certPath", "/nonexistent.pem")
        }) {
      String key = bad.fieldNames().iterator().next();
      try {
        new DcsServer(bad, clock).close();
        throw new AssertionError("deployed with " + bad);
      } catch (RuntimeException e) {
        assertThat(e.getMessage()).as(bad.encode()).contains(key.split("\\.")[0]);
      }
    }
  }
}
