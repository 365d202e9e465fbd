package io.rtdcs.partner.lookup;

import static io.rtdcs.partner.support.Partners.config;
import static io.rtdcs.partner.support.Partners.deploy;
import static io.rtdcs.partner.support.Partners.http;
import static io.rtdcs.partner.support.Partners.lookup;
import static io.rtdcs.partner.support.Partners.lookupRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.partner.demo.DemoPartnerVerticle;
import io.rtdcs.partner.support.TestHazelcast;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The breaker opens after maxFailures failures (the partner is no longer called), and after the
 * reset timeout a successful half-open probe closes it. The partner is our demo partner, switched
 * between faults through its control endpoint.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class CircuitBreakerTest {
  private static HazelcastInstance hz;

  @BeforeAll
  static void startHazelcast() {
    hz = TestHazelcast.member("test-" + UUID.randomUUID(), false);
  }

  @AfterAll
  static void stopHazelcast() {
    hz.shutdown();
  }

  @BeforeEach
  void clearDefinitions() {
    TestHazelcast.reset(hz);
  }

  @Test
  void breakerShouldOpenAfterMaxFailuresAndCloseAfterASuccessfulProbe(Vertx vertx) {
    DemoPartnerVerticle demo = new DemoPartnerVerticle();
    vertx
        .deployVerticle(
            demo,
            new DeploymentOptions()
                .setConfig(
                    new JsonObject().put("port", 0).put("latencyMs", 0).put("mode", "error")))
        .await();
    String base = "http://127.0.0.1:" + demo.actualPort();
    requests(vertx, base); // warms the JVM's HTTP client path without counting as a lookup
    deploy(
        vertx,
        hz,
        config(
            http(9201, base + "/lookup")
                .put(
                    "breaker", new JsonObject().put("maxFailures", 3).put("resetTimeoutMs", 300))));

    for (int i = 0; i < 3; i++) {
      assertThat(outcome(vertx)).isEqualTo("error");
    }
    assertThat(outcome(vertx)).isEqualTo("circuit-open");
    assertThat(outcome(vertx)).isEqualTo("circuit-open");
    assertThat(requests(vertx, base)).isEqualTo(3);

    control(vertx, base, new JsonObject().put("mode", "normal"));
    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> outcome(vertx).equals("ok"));
    assertThat(outcome(vertx)).isEqualTo("ok");
    assertThat(outcome(vertx)).isEqualTo("ok");
  }

  @Test
  void timeoutsShouldCountAsBreakerFailures(Vertx vertx) {
    DemoPartnerVerticle demo = new DemoPartnerVerticle();
    vertx
        .deployVerticle(
            demo,
            new DeploymentOptions().setConfig(new JsonObject().put("port", 0).put("mode", "hang")))
        .await();
    String base = "http://127.0.0.1:" + demo.actualPort();
    requests(vertx, base); // warms the JVM's HTTP client path without counting as a lookup
    deploy(
        vertx,
        hz,
        config(
            http(9202, base + "/lookup")
                .put("timeoutMs", 30)
                .put(
                    "breaker",
                    new JsonObject().put("maxFailures", 2).put("resetTimeoutMs", 60_000))));

    assertThat(outcome(vertx, 9202)).isEqualTo("timeout");
    assertThat(outcome(vertx, 9202)).isEqualTo("timeout");
    assertThat(outcome(vertx, 9202)).isEqualTo("circuit-open");
  }

  private static String outcome(Vertx vertx) {
    return outcome(vertx, 9201);
  }

  private static String outcome(Vertx vertx, int dpid) {
    return lookup(vertx, lookupRequest(200)).outcome(dpid).getString("outcome");
  }

  private static long requests(Vertx vertx, String base) {
    return vertx
        .createHttpClient()
        .request(HttpMethod.GET, demoPort(base), "127.0.0.1", "/control")
        .compose(r -> r.send().compose(resp -> resp.body()))
        .await()
        .toJsonObject()
        .getLong("requests");
  }

  private static void control(Vertx vertx, String base, JsonObject change) {
    vertx
        .createHttpClient()
        .request(HttpMethod.PUT, demoPort(base), "127.0.0.1", "/control")
        .compose(r -> r.send(change.toBuffer()).compose(resp -> resp.body()))
        .await();
  }

  private static int demoPort(String base) {
    return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
  }
}
