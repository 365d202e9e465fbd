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
 * The budget bounds the answer, never whether the call is kept: a realization that failed or came
 * late is delivered again with the same tid until the store has it (or collection.retryForMs).
 */
class CollectionTest {
  private static final String TOKEN = "collection-test-caller-token-0123456789abcdef";
  static DcsServer server;

  @BeforeAll
  static void start() {
    server =
        new DcsServer(
            new JsonObject()
                .put("budgetMs", 300)
                .put("storeReserveMs", 40)
                .put("collection.attemptTimeoutMs", 300)
                .put("collection.retryForMs", 1_500)
                .put(
                    "declaredIds",
                    new JsonObject().put("callerTokens", new JsonArray().add(TOKEN))));
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

  @Test
  void aRealizationRefusedByTheStoreShouldBeDeliveredAgainWithTheSameTid() {
    server.stubs.failFirst(Addresses.PROFILE_REALIZE, 2, 503);

    JsonObject body = call("/event?d_rtbd=json&c_category=shoes").bodyAsJsonObject();

    assertThat(realizes()).hasSize(3);
    assertThat(realizes()).extracting(r -> r.getString("tid")).containsOnly(body.getString("tid"));
    assertThat(realizes())
        .extracting(r -> r.getString("uuid"))
        .containsOnly(body.getString("uuid"));
    // the third attempt came back within the budget: the answer has the segments
    assertThat(body.getJsonArray("segments")).containsExactly(5001);
  }

  @Test
  void anInvalidRealizationShouldNotBeRepeated() {
    server.stubs.failFirst(Addresses.PROFILE_REALIZE, 5, 400);

    JsonObject body = call("/event?d_rtbd=json&c_category=shoes").bodyAsJsonObject();

    assertThat(body.getJsonArray("errors").getJsonObject(0).getInteger("code")).isEqualTo(200);
    assertThat(realizes()).hasSize(1);
  }

  @Test
  void aStoreThatNeverAnswersShouldBeAskedAgainAfterTheAnswerUntilRetryForMs() {
    server.stubs.silent(Addresses.PROFILE_REALIZE);

    long start = System.nanoTime();
    JsonObject body = call("/event?d_rtbd=json&c_category=shoes").bodyAsJsonObject();
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertThat(body.getJsonArray("errors").getJsonObject(0).getInteger("code")).isEqualTo(200);
    assertThat(ms).isLessThan(1_000); // answered by the deadline, not after the retries
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(realizes()).hasSizeGreaterThanOrEqualTo(3));
    assertThat(realizes()).extracting(r -> r.getString("tid")).containsOnly(body.getString("tid"));
    assertThat(realizes()).allSatisfy(r -> assertThat(r.getLong("timeoutMs")).isBetween(1L, 300L));
    // and it gives up after retryForMs (1.5 s): no attempt starts later than that
    int sent = await().atMost(Duration.ofSeconds(10)).until(() -> realizes().size(), n -> n > 0);
    sleepQuietly(2_500);
    int afterGivingUp = realizes().size();
    sleepQuietly(1_000);
    assertThat(realizes()).hasSize(afterGivingUp);
    assertThat(afterGivingUp).isGreaterThanOrEqualTo(sent).isLessThanOrEqualTo(10);
  }

  @Test
  void aCallWhoseProfileCouldNotBeReadShouldStillBeRealizedOnceResolved() {
    // the answer's resolve and the first one after it fail; the next finds the declared ID's uuid
    server.stubs.failFirst(Addresses.PROFILE_RESOLVE, 2, 503);

    HttpResponse<Buffer> r =
        server
            .client
            .get("/event?d_rtbd=json&c_category=shoes&d_cid=20915%01AB-12")
            .putHeader("Authorization", "Bearer " + TOKEN)
            .send()
            .await();

    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getJsonArray("errors").getJsonObject(0).getInteger("code")).isEqualTo(200);
    assertThat(body.containsKey("segments")).isFalse();
    // no partner is asked for a visitor who might be opted out
    assertThat(server.stubs.received(Addresses.PARTNER_LOOKUP)).isEmpty();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(realizes()).hasSize(1));
    assertThat(realizes().get(0).getString("uuid")).isEqualTo(ContractStubs.MAPPED_UUID);
    assertThat(realizes().get(0).getString("tid")).isEqualTo(body.getString("tid"));
    assertThat(server.stubs.received(Addresses.PROFILE_RESOLVE)).hasSize(3);
  }

  @Test
  void aCallOfAnOptedOutVisitorFoundAfterTheAnswerShouldNotBeRealized() {
    // the stub's opt-out: an opted-out declared ID maps to MAPPED_UUID, opted out
    server
        .client
        .get("/demoptout.jpg?d_cid=20915%01AB-12")
        .putHeader("Authorization", "Bearer " + TOKEN)
        .send()
        .await();
    server.stubs.failFirst(Addresses.PROFILE_RESOLVE, 1, 503);

    server
        .client
        .get("/event?d_rtbd=json&c_category=shoes&d_cid=20915%01AB-12")
        .putHeader("Authorization", "Bearer " + TOKEN)
        .send()
        .await();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(server.stubs.received(Addresses.PROFILE_RESOLVE)).hasSize(2));
    sleepQuietly(500);
    assertThat(realizes()).isEmpty();
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
