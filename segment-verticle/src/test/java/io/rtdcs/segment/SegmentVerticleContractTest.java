package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.failure;
import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.contract.RealizeReply;
import io.rtdcs.contract.RealizeRequest;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sends the exact JSON of docs/event-bus.md to the real verticle and checks the reply shapes. */
class SegmentVerticleContractTest {
  private static final String UUID = "22920112968019678612904394744954398990";
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
  private static List<HazelcastInstance> members;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    members = TestMembers.start(1);
    vertx = Vertx.vertx();
    SegmentFixture.deploy(vertx, members.get(0), CLOCK, SegmentFixture.config());
  }

  @AfterAll
  static void stop() {
    SegmentFixture.await(vertx.close());
    TestMembers.shutdown(members);
  }

  static JsonObject contractRealize(String uuid) {
    return new JsonObject(
        """
        {"tid": "31ZpxW5bQGc=", "timeoutMs": 40,
         "uuid": "%s",
         "signals": {"c_category": ["shoes"], "p_email_domain": ["example.com"]},
         "sids": [3001],
         "tdpid": [],
         "declaredIds": [{"dpid": 20915, "dpuuid": "AB-12", "auth": 1, "proven": true}],
         "partners": [{"dpid": 9001, "outcome": "ok", "segments": ["auto-intender"], "ttlSeconds": 600}],
         "destinations": {"url": true, "httpProto": "https", "nsid": 0}}
        """
            .formatted(uuid));
  }

  @Test
  void realizeShouldAnswerTheContractShape() {
    String uuid = "1" + UUID.substring(1);
    JsonObject reply = request(vertx, Addresses.PROFILE_REALIZE, contractRealize(uuid));

    assertThat(reply.getString("uuid")).isEqualTo(uuid);
    assertThat(reply.getBoolean("optedOut")).isFalse();
    assertThat(reply.getJsonArray("traits").getList()).containsExactly(1001, 2001, 3001, 4001);
    assertThat(reply.getJsonArray("realized").getList()).containsExactly(1001, 2001, 3001, 4001);
    assertThat(reply.getJsonArray("segments").getList()).containsExactly(5002);
    assertThat(reply.getJsonArray("unknownSids").getList()).isEmpty();
    assertThat(reply.getJsonArray("stuff"))
        .containsExactly(
            new JsonObject()
                .put("cn", "aam_tnt")
                .put("cv", "segs=autos")
                .put("ttl", 30)
                .put("dmn", ".example.com"));
    JsonObject dest = reply.getJsonArray("dests").getJsonObject(0);
    assertThat(dest.fieldNames()).containsExactlyInAnyOrder("id", "y", "c", "e");
    assertThat(dest.getInteger("id")).isEqualTo(7002);
    assertThat(dest.getString("y")).isEqualTo("img");
    assertThat(dest.getString("c")).isEqualTo("http://dsp.example/px?segs=5002&uuid=" + uuid);
    assertThat(dest.getString("e")).isEqualTo("https://dsp.example/px?segs=5002&uuid=" + uuid);
  }

  @Test
  void realizeShouldReportUnknownSidsAndLeaveOutUrlDestinationsUnlessAsked() {
    String uuid = "2" + UUID.substring(1);
    JsonObject reply =
        request(
            vertx,
            Addresses.PROFILE_REALIZE,
            new JsonObject().put("uuid", uuid).put("sids", new JsonArray().add(3001).add(9999)));

    assertThat(reply.getJsonArray("unknownSids").getList()).containsExactly(9999);
    assertThat(reply.getJsonArray("realized").getList()).containsExactly(3001);
    assertThat(reply.getJsonArray("dests")).isEmpty();
  }

  /**
   * rtdcs's own dcs verticle sends the record (docs/event-bus.md, "Typed and JSON forms"): it gets
   * a record back, with what the JSON form of the same call gets, and is held to the same limits.
   */
  @Test
  void aTypedRealizeShouldGetATypedReplyEqualToItsJsonForms() {
    String typedUuid = "5" + UUID.substring(1);
    String jsonUuid = "6" + UUID.substring(1);
    RealizeRequest typed = RealizeRequest.of(contractRealize(typedUuid));

    Object reply =
        SegmentFixture.await(
                vertx
                    .eventBus()
                    .request(
                        Addresses.PROFILE_REALIZE,
                        typed,
                        new DeliveryOptions().setSendTimeout(10_000)))
            .body();
    JsonObject json = request(vertx, Addresses.PROFILE_REALIZE, contractRealize(jsonUuid));

    assertThat(reply).isInstanceOf(RealizeReply.class);
    JsonObject typedJson = ((RealizeReply) reply).toJson();
    assertThat(typedJson.encode().replace(typedUuid, jsonUuid)).isEqualTo(json.encode());

    RealizeRequest over =
        new RealizeRequest(
            typed.tid(),
            40,
            typedUuid,
            typed.signals(),
            Collections.nCopies(201, 3001),
            typed.tdpid(),
            typed.declaredIds(),
            typed.partners(),
            true,
            "https",
            0,
            List.of(),
            false,
            false);
    ReplyException refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () ->
                SegmentFixture.await(
                    vertx
                        .eventBus()
                        .request(
                            Addresses.PROFILE_REALIZE,
                            over,
                            new DeliveryOptions().setSendTimeout(10_000))),
            ReplyException.class);
    assertThat(refused.failureCode()).isEqualTo(400);
    assertThat(refused.getMessage()).isEqualTo("sids: at most 200 entries");
  }

  @Test
  void realizeShouldRefuseWrongTypesWith400NamingTheField() {
    JsonObject bad = contractRealize(UUID).put("signals", new JsonObject().put("c_x", "notalist"));
    ReplyException e = failure(vertx, Addresses.PROFILE_REALIZE, bad);
    assertThat(e.failureCode()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("signals.c_x:");

    ReplyException noUuid =
        failure(vertx, Addresses.PROFILE_REALIZE, contractRealize(UUID).put("uuid", 42));
    assertThat(noUuid.failureCode()).isEqualTo(400);
    assertThat(noUuid.getMessage()).startsWith("uuid:");

    ReplyException sids =
        failure(
            vertx,
            Addresses.PROFILE_REALIZE,
            contractRealize(UUID).put("sids", new JsonArray().add("x")));
    assertThat(sids.getMessage()).startsWith("sids[0]:");
  }

  @Test
  void resolveShouldAnswerTheContractShapeWithSyncedIdsAndFreshPartnerCache() {
    String uuid = "3" + UUID.substring(1);
    request(vertx, Addresses.PROFILE_REALIZE, contractRealize(uuid));
    request(
        vertx,
        Addresses.ID_SYNC,
        new JsonObject()
            .put("tid", "t")
            .put("timeoutMs", 80)
            .put("uuid", uuid)
            .put("dpid", 9001)
            .put("dpuuid", "partner-id-42"));

    JsonObject reply =
        request(
            vertx,
            Addresses.PROFILE_RESOLVE,
            new JsonObject(
                """
                {"tid": "31ZpxW5bQGc=", "timeoutMs": 95,
                 "uuid": "%s",
                 "declaredIds": [{"dpid": 20915, "dpuuid": "AB-12", "auth": 1, "proven": true}]}
                """
                    .formatted(uuid)));

    assertThat(reply.getString("uuid")).isEqualTo(uuid);
    assertThat(reply.getBoolean("known")).isTrue();
    assertThat(reply.getBoolean("optedOut")).isFalse();
    assertThat(reply.getJsonObject("syncedIds"))
        .isEqualTo(new JsonObject().put("9001", "partner-id-42").put("20915", "AB-12"));
    JsonObject cached = reply.getJsonObject("partnerCache").getJsonObject("9001");
    assertThat(cached.getJsonArray("segments").getList()).containsExactly("auto-intender");
    assertThat(cached.getLong("expiresAt")).isEqualTo(CLOCK.millis() + 600_000);
  }

  @Test
  void resolveOfAnUnknownVisitorShouldSayUnknownAndMintNothing() {
    JsonObject reply =
        request(
            vertx,
            Addresses.PROFILE_RESOLVE,
            new JsonObject()
                .put("uuid", (String) null)
                .put(
                    "declaredIds",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("dpid", 1)
                                .put("dpuuid", "nobody")
                                .put("proven", true))));
    assertThat(reply.containsKey("uuid")).isFalse();
    assertThat(reply.getBoolean("known")).isFalse();
    assertThat(reply.getBoolean("optedOut")).isFalse();
    assertThat(reply.getJsonObject("partnerCache")).isEmpty();
  }

  @Test
  void getShouldReturnTheWholeProfileWithoutPrivateSignals() {
    String uuid = "4" + UUID.substring(1);
    // auth state 0: the call's traits stay on the device (in state 1 they go to the person's)
    JsonObject anonymous = contractRealize(uuid);
    anonymous.getJsonArray("declaredIds").getJsonObject(0).put("auth", 0);
    request(vertx, Addresses.PROFILE_REALIZE, anonymous);

    JsonObject p = request(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", uuid));

    assertThat(p.fieldNames())
        .containsExactlyInAnyOrder(
            "uuid",
            "optedOut",
            "lastSeen",
            "traits",
            "segments",
            "syncedIds",
            "declaredIds",
            "partnerCache",
            "expiredTraits",
            "idLinks",
            "people",
            "mergedViews");
    assertThat(p.getLong("lastSeen")).isEqualTo(CLOCK.millis());
    JsonObject t = p.getJsonArray("traits").getJsonObject(0);
    assertThat(t.fieldNames())
        .containsExactlyInAnyOrder(
            "sid", "firstRealized", "lastRealized", "count", "expiresAt", "ttlDays", "dailyCounts");
    assertThat(t.getInteger("sid")).isEqualTo(1001);
    assertThat(t.getLong("expiresAt")).isEqualTo(CLOCK.millis() + Duration.ofDays(120).toMillis());
    assertThat(p.getJsonArray("declaredIds"))
        .containsExactly(
            new JsonObject()
                .put("dpid", 20915)
                .put("dpuuid", "AB-12")
                .put("auth", 0)
                .put("proven", true));
    JsonObject cache = p.getJsonObject("partnerCache").getJsonObject("9001");
    assertThat(cache.getLong("fetchedAt")).isEqualTo(CLOCK.millis());
    assertThat(p.encode()).doesNotContain("example.com").doesNotContain("p_email");
  }

  @Test
  void getOfAnUnknownUuidShouldFail404() {
    ReplyException e =
        failure(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", "999999"));
    assertThat(e.failureCode()).isEqualTo(404);
  }

  @Test
  void optOutShouldDropTheDataAndMakeRealizeDoNothing() {
    String uuid = "5" + UUID.substring(1);
    request(vertx, Addresses.PROFILE_REALIZE, contractRealize(uuid));

    JsonObject out =
        request(
            vertx,
            Addresses.PROFILE_OPTOUT,
            new JsonObject().put("tid", "t").put("timeoutMs", 80).put("uuid", uuid));
    assertThat(out.getJsonArray("optedOut").getList()).containsExactly(uuid);

    JsonObject again = request(vertx, Addresses.PROFILE_REALIZE, contractRealize(uuid));
    assertThat(again.getBoolean("optedOut")).isTrue();
    assertThat(again.getJsonArray("traits")).isEmpty();
    assertThat(again.getJsonArray("segments")).isEmpty();
    assertThat(again.getJsonArray("stuff")).isEmpty();

    JsonObject p = request(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", uuid));
    assertThat(p.getBoolean("optedOut")).isTrue();
    assertThat(p.getJsonArray("traits")).isEmpty();
    assertThat(p.getJsonObject("partnerCache")).isEmpty();

    JsonObject sync =
        request(
            vertx,
            Addresses.ID_SYNC,
            new JsonObject().put("uuid", uuid).put("dpid", 9001).put("dpuuid", "later"));
    assertThat(sync.getBoolean("optedOut")).isTrue();
    JsonObject resolved =
        request(
            vertx,
            Addresses.PROFILE_RESOLVE,
            new JsonObject()
                .put(
                    "declaredIds",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("dpid", 20915)
                                .put("dpuuid", "AB-12")
                                .put("proven", true))));
    assertThat(resolved.getBoolean("optedOut")).isTrue();
  }

  @Test
  void optOutByDeclaredIdShouldReachTheLinkedProfile() {
    String uuid = "6" + UUID.substring(1);
    request(
        vertx,
        Addresses.PROFILE_REALIZE,
        new JsonObject()
            .put("uuid", uuid)
            .put(
                "declaredIds",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("dpid", 31)
                            .put("dpuuid", "crm-6")
                            .put("proven", true))));

    JsonObject out =
        request(
            vertx,
            Addresses.PROFILE_OPTOUT,
            new JsonObject()
                .put(
                    "declaredIds",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("dpid", 31)
                                .put("dpuuid", "crm-6")
                                .put("proven", true))));

    assertThat(out.getJsonArray("optedOut").getList()).containsExactly(uuid);
    ReplyException none = failure(vertx, Addresses.PROFILE_OPTOUT, new JsonObject());
    assertThat(none.failureCode()).isEqualTo(400);
  }
}
