package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rtdcs.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Past capacity a node degrades in the documented order (docs/operations.md, "Overload"): partners
 * skipped (201), then segments deferred while the call is still collected (202), then refused at
 * once (429, 203, Retry-After) with nothing collected.
 */
class AdmissionTest {

  /**
   * Admission on, its event-loop thresholds out of reach: these tests drive the other signals, and
   * a loaded machine must not add a degradation of its own (AdmissionControlTest covers the delay).
   */
  private static DcsServer server(JsonObject config) {
    return new DcsServer(
        new JsonObject()
            .put("admission.enabled", true)
            .put("admission.skipPartnersLagMs", 60_000)
            .put("admission.deferSegmentsLagMs", 60_000)
            .put("admission.refuseLagMs", 60_000)
            .put("budgetMs", 6_000)
            .mergeIn(config));
  }

  private static WebClient client(DcsServer server) {
    return WebClient.create(
        server.vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port),
        new PoolOptions().setHttp1MaxSize(32));
  }

  private static int firstCode(HttpResponse<Buffer> r) {
    JsonObject body = r.bodyAsJsonObject();
    return body.containsKey("errors")
        ? body.getJsonArray("errors").getJsonObject(0).getInteger("code")
        : -1;
  }

  @Test
  void callsInFlightShouldFirstSkipPartnersThenDeferSegments() {
    try (DcsServer server =
        server(
            new JsonObject()
                .put("admission.maxInFlight", 4)
                .put("collection.attemptTimeoutMs", 10_000))) {
      // two calls held in flight by a store that answers after 3 s
      server.stubs.slow(Addresses.PROFILE_REALIZE, 3_000);
      WebClient client = client(server);
      List<Future<HttpResponse<Buffer>>> held = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        held.add(client.get("/event?d_rtbd=json&c_category=shoes").send());
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.stubs.received(Addresses.PROFILE_REALIZE).size() == 2);
      assertThat(server.stubs.received(Addresses.PARTNER_LOOKUP)).hasSize(2);

      Future<HttpResponse<Buffer>> third = client.get("/event?d_rtbd=json&c_category=shoes").send();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.stubs.received(Addresses.PROFILE_REALIZE).size() == 3);
      // three calls in flight out of 4: the fourth is answered at once without segments
      HttpResponse<Buffer> deferred =
          client.get("/event?d_rtbd=json&c_category=shoes").send().await();
      assertThat(third.isComplete()).isFalse();
      HttpResponse<Buffer> skipped = third.await();

      assertThat(skipped.statusCode()).isEqualTo(200);
      assertThat(firstCode(skipped)).isEqualTo(201);
      assertThat(skipped.bodyAsJsonObject().getJsonArray("segments")).containsExactly(5001);
      assertThat(server.stubs.received(Addresses.PARTNER_LOOKUP)).hasSize(2); // not asked
      assertThat(deferred.statusCode()).isEqualTo(200);
      assertThat(firstCode(deferred)).isEqualTo(202);
      assertThat(deferred.bodyAsJsonObject().containsKey("segments")).isFalse();
      assertThat(deferred.bodyAsJsonObject().getString("uuid")).hasSize(38);
      assertThat(deferred.getHeader("X-Error")).isEqualTo("202");
      // the deferred call is still collected, under the uuid its answer gave
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(server.stubs.received(Addresses.PROFILE_REALIZE))
                      .extracting(r -> r.getString("uuid"))
                      .contains(deferred.bodyAsJsonObject().getString("uuid")));
      for (Future<HttpResponse<Buffer>> f : held) {
        assertThat(firstCode(f.await())).isEqualTo(-1); // full answers
      }
    }
  }

  @Test
  void atTheBoundOfPendingRealizationsCallsShouldBeRefusedAtOnceAndNothingCollected() {
    try (DcsServer server =
        server(
            new JsonObject()
                .put("admission.enabled", false) // the bound holds all the same
                .put("collection.maxPending", 10)
                .put("collection.attemptTimeoutMs", 30_000)
                .put("collection.retryForMs", 60_000))) {
      server.stubs.silent(Addresses.PROFILE_REALIZE);
      WebClient client = client(server);
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        calls.add(client.get("/event?d_rtbd=json&c_category=shoes").send());
      }
      List<HttpResponse<Buffer>> answers = new ArrayList<>();
      for (Future<HttpResponse<Buffer>> f : calls) {
        answers.add(f.await());
      }

      List<HttpResponse<Buffer>> refused =
          answers.stream().filter(r -> r.statusCode() == 429).toList();
      long admitted = answers.stream().filter(r -> r.statusCode() == 200).count();
      assertThat(refused.size() + admitted).isEqualTo(24);
      // at most maxPending accepted and not stored (a call in flight that has reached the store
      // counts twice for a moment, so the bound may admit fewer, never more)
      assertThat(admitted).isBetween(5L, 10L);
      for (HttpResponse<Buffer> r : refused) {
        assertThat(r.getHeader("Retry-After")).isEqualTo("1");
        assertThat(r.getHeader("X-Error")).isEqualTo("203");
        assertThat(firstCode(r)).isEqualTo(203);
        assertThat(r.bodyAsJsonObject().getString("tid")).isNotBlank();
        assertThat(r.bodyAsJsonObject().containsKey("uuid")).isFalse();
        assertThat(r.cookies()).isEmpty();
      }
      // only the admitted calls were sent to the store
      assertThat(server.stubs.received(Addresses.PROFILE_REALIZE)).hasSize((int) admitted);
    }
  }
}
