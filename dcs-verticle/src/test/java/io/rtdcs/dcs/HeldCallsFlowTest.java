package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rtdcs.common.Addresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dcs side of held calls (docs/operations.md, "Overload"): a call still on its way to the store
 * {@code collection.holdLeadMs} before its deadline is held ({@code dcs.calls.hold}) with what a
 * replay needs, and released once stored; {@code dcs.calls.replay} collects a held call through the
 * same delivery. The segment side and a node killed: HeldCallsTest, DurableStateFaultsIT.
 */
class HeldCallsFlowTest {
  static DcsServer server;

  @BeforeAll
  static void start() {
    server =
        new DcsServer(
            new JsonObject()
                .put("budgetMs", 300)
                .put("storeReserveMs", 40)
                .put("collection.attemptTimeoutMs", 2_000)
                .put("collection.retryForMs", 5_000));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void resetStubs() {
    server.stubs.reset();
  }

  private static HttpResponse<Buffer> call(String uri) {
    return server.client.get(uri).send().await();
  }

  private static List<JsonObject> realizes() {
    return server.stubs.received(Addresses.PROFILE_REALIZE);
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aRealizationStillOnItsWayBeforeTheDeadlineShouldBeHeldThenReleasedOnceStored() {
    server.stubs.slow(Addresses.PROFILE_REALIZE, 600); // past the 300 ms budget, within one attempt

    JsonObject body = call("/event?d_rtbd=json&c_category=shoes").bodyAsJsonObject();

    assertThat(body.getJsonArray("errors").getJsonObject(0).getInteger("code")).isEqualTo(200);
    // held (holdLeadMs ahead of the deadline), with the call to replay
    List<JsonObject> holds = server.stubs.received(Addresses.CALL_HOLD);
    await().atMost(Duration.ofSeconds(10)).until(() -> holds.size() == 1);
    JsonObject hold = holds.get(0);
    assertThat(hold.getString("tid")).isEqualTo(body.getString("tid"));
    assertThat(hold.getLong("retryForMs")).isEqualTo(5_000);
    JsonObject call = new JsonObject(hold.getString("call"));
    assertThat(call.getString("tid")).isEqualTo(body.getString("tid"));
    assertThat(call.getJsonObject("realize").getString("uuid")).isEqualTo(body.getString("uuid"));
    assertThat(call.getJsonObject("realize").getString("tid")).isEqualTo(body.getString("tid"));
    // released once the store has it
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(server.stubs.received(Addresses.CALL_RELEASE))
                    .extracting(r -> r.getString("tid"))
                    .containsExactly(body.getString("tid")));
  }

  @Test
  void aRealizationStoredInTimeShouldNeitherBeHeldNorReleased() {
    JsonObject body = call("/event?d_rtbd=json&c_category=shoes").bodyAsJsonObject();

    assertThat(body.getJsonArray("segments")).containsExactly(5001);
    sleepQuietly(400); // past the deadline and its hold timer
    assertThat(server.stubs.received(Addresses.CALL_HOLD)).isEmpty();
    assertThat(server.stubs.received(Addresses.CALL_RELEASE)).isEmpty();
  }

  @Test
  void aHeldCallShouldBeCollectedAgainThroughReplayAsItsNodeWould() {
    JsonObject call =
        new JsonObject()
            .put("tid", "replayed-tid-1")
            .put(
                "realize",
                new JsonObject()
                    .put("tid", "replayed-tid-1")
                    .put("uuid", "12345")
                    .put("signals", new JsonObject().put("c_category", new JsonArray().add("x")))
                    .put("destinations", new JsonObject().put("url", false)));
    JsonObject reply =
        server.vertx.eventBus().<JsonObject>request(Addresses.CALL_REPLAY, call).await().body();

    assertThat(reply).isEqualTo(new JsonObject());
    assertThat(realizes()).hasSize(1);
    assertThat(realizes().get(0).getString("tid")).isEqualTo("replayed-tid-1");
    assertThat(realizes().get(0).getString("uuid")).isEqualTo("12345");

    io.vertx.core.eventbus.ReplyException invalid =
        (io.vertx.core.eventbus.ReplyException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    server
                        .vertx
                        .eventBus()
                        .request(Addresses.CALL_REPLAY, new JsonObject().put("tid", "t"))
                        .await());
    assertThat(invalid.failureCode()).isEqualTo(400);
    assertThat(realizes()).hasSize(1);
  }
}
