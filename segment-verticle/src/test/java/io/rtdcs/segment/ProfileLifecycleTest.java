package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.store.PrivacyMark;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TTL, renewal, FREQUENCY/recency across UTC days and the partner cache, with a moved clock. */
class ProfileLifecycleTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private static final AtomicLong NEXT = new AtomicLong(100);
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

  private static String newUuid() {
    return Long.toString(NEXT.incrementAndGet());
  }

  private static JsonObject realize(String uuid, JsonObject signals) {
    return request(
        vertx,
        Addresses.PROFILE_REALIZE,
        new JsonObject().put("uuid", uuid).put("signals", signals));
  }

  private static JsonObject shoes() {
    return new JsonObject().put("c_category", new JsonArray().add("shoes"));
  }

  private static JsonObject mail() {
    return new JsonObject().put("p_email_domain", new JsonArray().add("example.com"));
  }

  private static List<Object> traits(JsonObject reply) {
    return reply.getJsonArray("traits").getList();
  }

  @Test
  void traitShouldExpireAfterItsTtlAndReRealizingShouldRenewIt() {
    CLOCK.set(Instant.parse("2026-03-01T12:00:00Z"));
    String expiring = newUuid();
    String renewed = newUuid();
    realize(expiring, mail());
    realize(renewed, mail());

    CLOCK.advance(Duration.ofDays(9));
    realize(renewed, mail());
    assertThat(traits(realize(expiring, new JsonObject()))).contains(4001);

    CLOCK.advance(Duration.ofDays(1));
    assertThat(traits(realize(expiring, new JsonObject()))).doesNotContain(4001);
    JsonObject renewedNow = realize(renewed, new JsonObject());
    assertThat(traits(renewedNow)).contains(4001);

    JsonObject profile =
        request(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", renewed));
    JsonObject t = profile.getJsonArray("traits").getJsonObject(0);
    assertThat(t.getLong("count")).isEqualTo(2);
    assertThat(t.getLong("expiresAt"))
        .isEqualTo(Instant.parse("2026-03-20T12:00:00Z").toEpochMilli());
  }

  @Test
  void profileEntryShouldLiveTheIdleTtlOrUntilItsLongestLivingTraitExpires() {
    CLOCK.set(Instant.parse("2026-08-01T10:00:00Z"));
    String uuid = newUuid();
    realize(uuid, mail());
    long ttl = members.get(0).getMap(ClusterMaps.PROFILES).getEntryView(uuid).getTtl();
    assertThat(ttl).isEqualTo(Duration.ofDays(120).toMillis());

    request(
        vertx,
        Addresses.ADMIN_TRAITS,
        new JsonObject()
            .put("op", "put")
            .put("id", 8501)
            .put(
                "definition",
                new JsonObject().put("name", "Long").put("type", "onboarded").put("ttlDays", 200)));
    request(
        vertx,
        Addresses.PROFILE_REALIZE,
        new JsonObject().put("uuid", uuid).put("sids", new JsonArray().add(8501)));
    ttl = members.get(0).getMap(ClusterMaps.PROFILES).getEntryView(uuid).getTtl();
    assertThat(ttl).isEqualTo(Duration.ofDays(200).toMillis());
  }

  @Test
  void anOptedOutVisitorWhoCallsAgainShouldRenewTheOptOutAtMostOnceADay() throws Exception {
    CLOCK.set(Instant.parse("2026-05-01T08:00:00Z"));
    String uuid = newUuid();
    realize(uuid, mail());
    request(vertx, Addresses.PROFILE_OPTOUT, new JsonObject().put("uuid", uuid));
    var profiles = members.get(0).<String, Object>getMap(ClusterMaps.PROFILES);
    var privacy = members.get(0).<String, PrivacyMark>getMap(ClusterMaps.PRIVACY);
    long optedOut = CLOCK.millis();
    assertThat(privacy.get(uuid).optedOutAt()).isEqualTo(optedOut);

    // within the day: nothing written (an opted-out visitor's calls cost no store)
    CLOCK.advance(Duration.ofHours(23));
    long version = profiles.getEntryView(uuid).getVersion();
    assertThat(realize(uuid, mail()).getBoolean("optedOut")).isTrue();
    assertThat(profiles.getEntryView(uuid).getVersion()).isEqualTo(version);

    // 100 days later: the opted-out profile lives another 120 days, the mark is renewed
    CLOCK.advance(Duration.ofDays(100));
    assertThat(realize(uuid, mail()).getBoolean("optedOut")).isTrue();
    assertThat(profiles.getEntryView(uuid).getVersion()).isGreaterThan(version);
    assertThat(profiles.getEntryView(uuid).getTtl()).isEqualTo(Duration.ofDays(120).toMillis());
    long renewedAt = CLOCK.millis();
    // renewed after the reply went out
    for (int i = 0; i < 100 && privacy.get(uuid).optedOutAt() != renewedAt; i++) {
      Thread.sleep(100);
    }
    assertThat(privacy.get(uuid).optedOutAt()).isEqualTo(renewedAt);
    assertThat(traits(realize(uuid, mail()))).isEmpty();
  }

  @Test
  void traitWithTtlZeroShouldNeverExpireAndOnboardedShouldCountOnce() {
    CLOCK.set(Instant.parse("2026-03-01T12:00:00Z"));
    String uuid = newUuid();
    JsonObject sids = new JsonObject().put("uuid", uuid).put("sids", new JsonArray().add(3001));
    request(vertx, Addresses.PROFILE_REALIZE, sids);
    request(vertx, Addresses.PROFILE_REALIZE, sids);

    CLOCK.advance(Duration.ofDays(1000));
    JsonObject reply = realize(uuid, new JsonObject());

    assertThat(traits(reply)).containsExactly(3001);
    JsonObject t =
        request(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", uuid))
            .getJsonArray("traits")
            .getJsonObject(0);
    assertThat(t.getLong("count")).isEqualTo(1);
    assertThat(t.getValue("expiresAt")).isNull();
  }

  @Test
  void frequencyWithinSevenDaysShouldCountUtcDaysAcrossMidnight() {
    String uuid = newUuid();
    CLOCK.set(Instant.parse("2026-04-01T23:59:00Z"));
    assertThat(realize(uuid, shoes()).getJsonArray("segments").getList()).doesNotContain(5001);

    CLOCK.set(Instant.parse("2026-04-02T00:01:00Z"));
    assertThat(realize(uuid, shoes()).getJsonArray("segments").getList()).contains(5001);

    // on 04-07 the window [04-01 .. 04-07] still holds both realizations
    CLOCK.set(Instant.parse("2026-04-07T23:59:59Z"));
    assertThat(realize(uuid, new JsonObject()).getJsonArray("segments").getList()).contains(5001);
    // one second later the window is [04-02 .. 04-08]: the 04-01 realization is out
    CLOCK.set(Instant.parse("2026-04-08T00:00:00Z"));
    assertThat(realize(uuid, new JsonObject()).getJsonArray("segments").getList())
        .doesNotContain(5001);
    CLOCK.set(Instant.parse("2026-04-09T08:00:00Z"));
    assertThat(realize(uuid, shoes()).getJsonArray("segments").getList()).doesNotContain(5001);
    assertThat(realize(uuid, shoes()).getJsonArray("segments").getList()).contains(5001);
  }

  @Test
  void segmentOfSegmentsShouldFollowItsParts() {
    CLOCK.set(Instant.parse("2026-05-01T10:00:00Z"));
    String uuid = newUuid();
    JsonObject both = shoes().put("p_email_domain", new JsonArray().add("example.com"));
    realize(uuid, both);
    JsonObject reply = realize(uuid, both);
    assertThat(reply.getJsonArray("segments").getList()).containsExactly(5001, 5003);
    assertThat(reply.getJsonArray("stuff").getJsonObject(0).getString("cv"))
        .isEqualTo("segs=shoe_lovers");
  }

  @Test
  void partnerAnswersShouldBeCachedAndFeedRulesUntilTheirTtlRunsOut() {
    CLOCK.set(Instant.parse("2026-06-01T10:00:00Z"));
    String uuid = newUuid();
    JsonObject first =
        request(
            vertx,
            Addresses.PROFILE_REALIZE,
            new JsonObject(
                """
                {"uuid": "%s", "partners": [
                  {"dpid": 9001, "outcome": "ok", "segments": ["auto-intender", "shoes-buyer"], "ttlSeconds": 600},
                  {"dpid": 9002, "outcome": "no-data"},
                  {"dpid": 9003, "outcome": "timeout", "detail": "slow"}]}
                """
                    .formatted(uuid)));
    assertThat(first.getJsonArray("realized").getList()).containsExactly(2001, 4002);

    CLOCK.advance(Duration.ofMinutes(9));
    JsonObject cached = realize(uuid, new JsonObject());
    assertThat(cached.getJsonArray("realized").getList()).containsExactly(2001, 4002);
    JsonObject resolved =
        request(vertx, Addresses.PROFILE_RESOLVE, new JsonObject().put("uuid", uuid));
    assertThat(resolved.getJsonObject("partnerCache").fieldNames())
        .containsExactlyInAnyOrder("9001", "9002");
    assertThat(
            resolved.getJsonObject("partnerCache").getJsonObject("9002").getJsonArray("segments"))
        .isEmpty();

    CLOCK.advance(Duration.ofMinutes(2));
    JsonObject expired = realize(uuid, new JsonObject());
    assertThat(expired.getJsonArray("realized").getList()).isEmpty();
    assertThat(
            request(vertx, Addresses.PROFILE_RESOLVE, new JsonObject().put("uuid", uuid))
                .getJsonObject("partnerCache"))
        .isEmpty();
  }

  @Test
  void partnerSegmentSignalsShouldNotBeSpoofableThroughTheCallersSignals() {
    CLOCK.set(Instant.parse("2026-06-02T10:00:00Z"));
    JsonObject reply =
        realize(newUuid(), new JsonObject().put("d_pseg_9001", new JsonArray().add("shoes-buyer")));
    assertThat(reply.getJsonArray("realized").getList()).isEmpty();
  }

  @Test
  void tdpidShouldRestrictSignalTraitsToThoseDataSources() {
    CLOCK.set(Instant.parse("2026-07-01T10:00:00Z"));
    String uuid = newUuid();
    JsonObject reply =
        request(
            vertx,
            Addresses.PROFILE_REALIZE,
            new JsonObject()
                .put("uuid", uuid)
                .put("signals", shoes().put("p_email_domain", new JsonArray().add("example.com")))
                .put("tdpid", new JsonArray().add(7))
                .put("sids", new JsonArray().add(3001)));
    assertThat(reply.getJsonArray("realized").getList()).containsExactly(3001, 4001);
  }
}
