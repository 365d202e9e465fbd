package io.rtdcs.outbound;

import static io.rtdcs.outbound.OutboundFixture.DESTINATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.MutableClock;
import io.rtdcs.segment.SegmentFixture;
import io.rtdcs.segment.TestMembers;
import io.rtdcs.segment.outbound.OutboundMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server-to-server pushes through real parts: a Hazelcast member, the real SegmentVerticle and
 * OutboundVerticle, and a real HTTP destination on 127.0.0.1.
 */
@Timeout(60)
class OutboundDeliveryTest {
  private static final String KEY = "sample_partner_private_key";

  private final List<HazelcastInstance> members = new ArrayList<>();
  private final List<Vertx> nodes = new ArrayList<>();
  private final StubDestination stub = new StubDestination();

  @AfterEach
  void stop() {
    for (Vertx v : nodes) {
      SegmentFixture.await(v.close());
    }
    TestMembers.shutdown(members);
    stub.close();
  }

  private Vertx node(Clock clock, JsonObject s2s) {
    return node(clock, s2s, new JsonObject());
  }

  private Vertx node(Clock clock, JsonObject s2s, JsonObject outbound) {
    members.addAll(TestMembers.start(1));
    Vertx v =
        OutboundFixture.startNode(
            members.get(0),
            clock,
            OutboundFixture.definitions(s2s.copy().put("url", stub.url())),
            outbound.copy().put("scanMs", 20));
    nodes.add(v);
    return v;
  }

  private OutboundMetrics metrics() {
    return OutboundMetrics.forInstance(members.get(0));
  }

  private int pending() {
    return members.get(0).getMap(ClusterMaps.OUTBOUND).size();
  }

  @Test
  void aQualificationAndADisqualificationShouldArriveSignedInTheDocumentedFormat() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:15:30Z"));
    Vertx v =
        node(
            clock,
            new JsonObject()
                .put("batchWindowMs", 0)
                .put("signing", new JsonObject().put("algorithm", "HmacSHA256").put("key", KEY)));
    String uuid = OutboundFixture.newUuid();
    OutboundFixture.sync(v, uuid, "partner-42");

    assertThat(OutboundFixture.qualifyFor30Days(v, uuid).getJsonArray("segments"))
        .containsExactly(5002);
    await().atMost(Duration.ofSeconds(5)).until(() -> stub.received().size() == 1);
    StubDestination.Received qualified = stub.received().get(0);
    assertThat(qualified.json())
        .isEqualTo(
            message(
                "Wed Mar 04 10:15:30 UTC 2026",
                uuid,
                new JsonObject()
                    .put("Segment_ID", "autos")
                    .put("Status", "1")
                    .put("DateTime", "Wed Mar 04 10:15:30 UTC 2026")));
    assertSigned(qualified);
    await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);

    // 31 days later the partner trait (30-day TTL) has expired: 5002 is left
    clock.advance(Duration.ofDays(31));
    assertThat(OutboundFixture.realize(v, uuid, new JsonObject()).getJsonArray("segments"))
        .isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> stub.received().size() == 2);
    StubDestination.Received left = stub.received().get(1);
    assertThat(left.json())
        .isEqualTo(
            message(
                "Sat Apr 04 10:15:30 UTC 2026",
                uuid,
                new JsonObject()
                    .put("Segment_ID", "autos")
                    .put("Status", "0")
                    .put("DateTime", "Sat Apr 04 10:15:30 UTC 2026")));
    assertSigned(left);
    assertThat(left.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(metrics().delivered.sum()).isEqualTo(2);
  }

  @Test
  void aRealizeThatChangesNoMappedSegmentShouldPushNothing() {
    Vertx v = node(Clock.systemUTC(), new JsonObject().put("batchWindowMs", 0));
    String uuid = OutboundFixture.newUuid();
    OutboundFixture.sync(v, uuid, "partner-42");
    OutboundFixture.qualifyForever(v, uuid);
    await().atMost(Duration.ofSeconds(5)).until(() -> stub.received().size() == 1);
    // still in 5002: no change, no push; a visitor without an id for 9001: no push
    OutboundFixture.qualifyForever(v, uuid);
    OutboundFixture.qualifyForever(v, OutboundFixture.newUuid());
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> stub.received().size() == 1);
    assertThat(metrics().noPartnerId.sum()).isEqualTo(1);
  }

  @Test
  void anOptOutShouldSendStatus0ForEverySegmentTheVisitorWasIn() {
    Vertx v = node(Clock.systemUTC(), new JsonObject().put("batchWindowMs", 0));
    String uuid = OutboundFixture.newUuid();
    OutboundFixture.sync(v, uuid, "partner-42");
    OutboundFixture.qualifyForever(v, uuid);
    await().atMost(Duration.ofSeconds(5)).until(() -> stub.received().size() == 1);

    SegmentFixture.request(
        v,
        io.rtdcs.common.Addresses.PROFILE_OPTOUT,
        new JsonObject().put("timeoutMs", 5000).put("uuid", uuid));
    await().atMost(Duration.ofSeconds(5)).until(() -> stub.received().size() == 2);
    JsonObject user = stub.received().get(1).json().getJsonArray("Users").getJsonObject(0);
    assertThat(user.getString("DataPartner_UUID")).isEqualTo("partner-42");
    JsonArray segments = user.getJsonArray("Segments");
    assertThat(segments).hasSize(1);
    assertThat(segments.getJsonObject(0).getString("Segment_ID")).isEqualTo("autos");
    assertThat(segments.getJsonObject(0).getString("Status")).isEqualTo("0");
  }

  @Test
  void aFullQueueShouldDropAndCountWhileRealizeAnswersAsUsual() {
    Vertx v =
        node(
            Clock.systemUTC(),
            new JsonObject().put("batchWindowMs", 0),
            new JsonObject().put("maxQueued", 0));
    String uuid = OutboundFixture.newUuid();
    OutboundFixture.sync(v, uuid, "partner-42");
    assertThat(OutboundFixture.qualifyForever(v, uuid).getJsonArray("segments"))
        .containsExactly(5002);
    await().atMost(Duration.ofSeconds(2)).until(() -> metrics().dropped.sum() == 1);
    assertThat(pending()).isZero();
    assertThat(metrics().queued.sum()).isZero();
    assertThat(stub.received()).isEmpty();
  }

  @Test
  void aDestinationAnswering500OnceShouldGetExactlyOneRetry() {
    stub.answer(n -> n == 1 ? 500 : 200);
    Vertx v = node(Clock.systemUTC(), new JsonObject().put("batchWindowMs", 0));
    String uuid = OutboundFixture.newUuid();
    OutboundFixture.sync(v, uuid, "partner-42");
    OutboundFixture.qualifyForever(v, uuid);

    await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> stub.received().size() == 2);
    assertThat(stub.received().get(1).body()).isEqualTo(stub.received().get(0).body());
    assertThat(metrics().retries.sum()).isEqualTo(1);
    assertThat(metrics().delivered.sum()).isEqualTo(1);
    assertThat(metrics().failed.sum()).isZero();
  }

  @Test
  void aHangingDestinationShouldBeCutAt3000MsRetriedOnceThenCountedAsFailed() {
    stub.answer(n -> 0);
    Vertx v = node(Clock.systemUTC(), new JsonObject().put("batchWindowMs", 0));
    String uuid = OutboundFixture.newUuid();
    OutboundFixture.sync(v, uuid, "partner-42");
    long start = System.nanoTime();
    OutboundFixture.qualifyForever(v, uuid);

    await().atMost(Duration.ofSeconds(15)).until(() -> metrics().failed.sum() == 1);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    // two attempts of 3000 ms each (a timer never fires early), then counted
    assertThat(elapsedMs).isBetween(6_000L, 10_000L);
    assertThat(stub.received()).hasSize(2);
    // each attempt is cut by rtdcs (connection reset) at its deadline, not left hanging
    await().atMost(Duration.ofSeconds(2)).until(() -> stub.closedNanos().size() == 2);
    for (int i = 0; i < 2; i++) {
      long heldMs = (stub.closedNanos().get(i) - stub.received().get(i).nanos()) / 1_000_000;
      assertThat(heldMs).as("attempt %d held", i + 1).isBetween(500L, 3_500L);
    }
    // dropped after the second failure: nothing pending, no third attempt
    await().atMost(Duration.ofSeconds(2)).until(() -> pending() == 0);
    assertThat(stub.received()).hasSize(2);
  }

  @Test
  void changesWithinTheBatchWindowShouldShareMessagesOfAtMostMaxUsers() {
    Vertx v =
        node(
            Clock.systemUTC(),
            new JsonObject().put("batchWindowMs", 3_000).put("maxUsersPerMessage", 2));
    for (int i = 0; i < 3; i++) {
      String uuid = OutboundFixture.newUuid();
      OutboundFixture.sync(v, uuid, "partner-" + i);
      OutboundFixture.qualifyForever(v, uuid);
    }
    // two users fill a message at once; the third waits for the window
    await().atMost(Duration.ofSeconds(15)).until(() -> pending() == 0);
    assertThat(stub.received()).hasSize(2);
    List<Integer> counts = new ArrayList<>();
    for (StubDestination.Received r : stub.received()) {
      JsonObject m = r.json();
      assertThat(m.getString("User_count"))
          .isEqualTo(Integer.toString(m.getJsonArray("Users").size()));
      counts.add(m.getJsonArray("Users").size());
    }
    assertThat(counts).containsExactly(2, 1);
  }

  @Test
  void anOAuthDestinationShouldGetABearerTokenAndANewOneAfterARefusal() {
    stub.answer(n -> n == 1 ? 401 : 200);
    String tokenUrl = stub.tokenUrl();
    Vertx v =
        node(
            Clock.systemUTC(),
            new JsonObject()
                .put("batchWindowMs", 0)
                .put(
                    "oauth",
                    new JsonObject()
                        .put("tokenUrl", tokenUrl)
                        .put("clientId", "rtdcs")
                        .put("clientSecret", "s3cret")));
    String uuid = OutboundFixture.newUuid();
    OutboundFixture.sync(v, uuid, "partner-42");
    OutboundFixture.qualifyForever(v, uuid);

    await().atMost(Duration.ofSeconds(5)).until(() -> stub.received().size() == 2);
    assertThat(stub.received().get(0).headers().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(stub.received().get(1).headers().get("Authorization")).isEqualTo("Bearer token-2");
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString("rtdcs:s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(stub.tokenRequests())
        .containsExactly(
            "Basic "
                + basic
                + " grant_type=client_credentials application/x-www-form-urlencoded;charset=UTF-8",
            "Basic "
                + basic
                + " grant_type=client_credentials application/x-www-form-urlencoded;charset=UTF-8");
  }

  private static JsonObject message(String time, String uuid, JsonObject segment) {
    return new JsonObject()
        .put("ProcessTime", time)
        .put("User_DPID", "9001")
        .put("Client_ID", "client-1")
        .put("AAM_Destination_Id", Integer.toString(DESTINATION))
        .put("User_count", "1")
        .put(
            "Users",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("AAM_UUID", uuid)
                        .put("DataPartner_UUID", "partner-42")
                        .put("AAM_Regions", new JsonArray().add("7"))
                        .put("Segments", new JsonArray().add(segment))));
  }

  private static void assertSigned(StubDestination.Received r) throws RuntimeException {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          java.util.Base64.getEncoder()
              .encodeToString(
                  mac.doFinal(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(r.headers().get("X-Signature")).isEqualTo(expected);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
