package io.rtdcs.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtdcs.common.Meters;
import io.rtdcs.partner.client.PartnerCall;
import io.rtdcs.partner.client.PartnerClient;
import io.rtdcs.partner.client.PartnerClientFactory;
import io.rtdcs.partner.client.PartnerOutcome;
import io.rtdcs.partner.client.PartnerResult;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.rtdcs.partner.stats.PartnerStats;
import io.rtdcs.partner.support.Partners;
import io.rtdcs.partner.support.StubPartnerServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The partner client warm-up against its own loopback partner: real Vert.x, real HTTP on 127.0.0.1,
 * the real client chain; nothing of the node's (stats, meters, egress policy) changes, and it
 * completes whatever its partner does.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class PartnerClientWarmupTest {
  private static final PartnerWarmupSettings QUICK =
      PartnerWarmupSettings.DEFAULT.withMaxDurationMs(3_000);

  @Test
  void shouldCallItsLoopbackPartnerThroughEveryRequestFactory(Vertx vertx) {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry(); // what /metrics would export
    Meters.publish(vertx, metrics, new SimpleMeterRegistry());
    PartnerStats real = PartnerStats.of(vertx);

    PartnerWarmupReport report = new PartnerClientWarmup(vertx, QUICK).run().await();

    assertThat(report.ran()).as(report.logLine()).isTrue();
    assertThat(report.lookups()).isPositive();
    assertThat(report.batches()).isPositive();
    assertThat(report.okOutcomes()).isPositive();
    WarmupPartnerServer.Seen seen = report.seen();
    assertThat(seen.posts()).as("JSON POST and signed POST requests").isPositive();
    assertThat(seen.gets()).as("GET template requests").isPositive();
    assertThat(seen.signed()).as("requests with X-Signature").isPositive();
    assertThat(seen.signed()).as("only the signed partner signs").isLessThan(seen.posts());
    assertThat(seen.requests()).isEqualTo(seen.posts() + seen.gets());
    if (report.reason().equals("settled")) {
      assertThat(report.batches()).isGreaterThanOrEqualTo(QUICK.minBatches());
    }
    assertThat(report.lookups()).isLessThanOrEqualTo(QUICK.maxLookups());
    assertThat(report.last().p90Ms()).isGreaterThanOrEqualTo(report.last().p50Ms());

    assertThat(real.toJson()).as("the node's partner stats").isEqualTo(new JsonObject());
    assertThat(metrics.getMeters()).as("the node's /metrics").isEmpty();
  }

  @Test
  void shouldLeaveTheRealEgressPolicyClosedToLoopback(Vertx vertx) {
    new PartnerClientWarmup(vertx, QUICK).run().await();

    // the chain PartnerVerticle builds from a config without egress.allow
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    PartnerVerticleOptions options = new PartnerVerticleOptions(new JsonObject());
    HttpClient http = PartnerClientFactory.httpClient(vertx, options.getMaxPoolSize());
    PartnerClient client =
        new PartnerClientFactory(vertx, http, PartnerStats.of(vertx), options.getEgress())
            .create(PartnerDefinition.fromJson(Partners.http(9001, stub.url("/ok"))));
    PartnerResult result =
        client
            .call(new PartnerCall(9001, "u1", null, new JsonObject(), 1_000, "tid", null))
            .await();

    assertThat(options.getEgress().allow()).isEmpty();
    assertThat(result.outcome()).isEqualTo(PartnerOutcome.ERROR);
    assertThat(result.detail()).startsWith("address refused: resolves to a loopback address");
    assertThat(stub.seen()).isEmpty();
    assertThat(PartnerStats.of(vertx).toJson().fieldNames()).containsExactly("9001");
  }

  @Test
  void shouldCompleteWhenItsPartnerCannotListen(Vertx vertx) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      PartnerWarmupReport report =
          new PartnerClientWarmup(vertx, QUICK.withPort(taken.getLocalPort())).run().await();

      assertThat(report.ran()).isFalse();
      assertThat(report.reason()).containsIgnoringCase("address already in use");
      assertThat(report.logLine()).startsWith("partner client warm-up skipped after");
    }
  }

  @Test
  void shouldStopAfterOneBatchWhenItsPartnerAnswersGarbage(Vertx vertx) {
    PartnerWarmupReport report =
        new PartnerClientWarmup(vertx, QUICK.withAnswer("{\"segments\": [no json here"))
            .run()
            .await();

    assertThat(report.ran()).isTrue();
    assertThat(report.reason()).isEqualTo("no ok answer");
    assertThat(report.batches()).isEqualTo(1);
    assertThat(report.okOutcomes()).isZero();
    assertThat(report.seen().requests()).isPositive();
  }
}
