package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** rtdcs.ids: (dpid, dpuuid) -> uuid, newest mapping wins, TTL renewed when seen. */
class IdGraphTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-09-01T10:00:00Z"));
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

  private static JsonArray declared(int dpid, String dpuuid) {
    return new JsonArray()
        .add(
            new JsonObject()
                .put("dpid", dpid)
                .put("dpuuid", dpuuid)
                .put("auth", 1)
                .put("proven", true));
  }

  private static JsonObject resolve(JsonArray declaredIds) {
    return request(
        vertx, Addresses.PROFILE_RESOLVE, new JsonObject().put("declaredIds", declaredIds));
  }

  @Test
  void syncOfTheSamePairToAnotherUuidShouldWin() {
    request(
        vertx,
        Addresses.ID_SYNC,
        new JsonObject().put("uuid", "111").put("dpid", 9001).put("dpuuid", "p-1"));
    CLOCK.advance(Duration.ofSeconds(1));
    JsonObject reply =
        request(
            vertx,
            Addresses.ID_SYNC,
            new JsonObject().put("uuid", "222").put("dpid", 9001).put("dpuuid", "p-1"));
    assertThat(reply).isEqualTo(new JsonObject().put("uuid", "222").put("optedOut", false));

    JsonObject resolved = resolve(declared(9001, "p-1"));
    assertThat(resolved.getString("uuid")).isEqualTo("222");
    assertThat(resolved.getBoolean("known")).isTrue();
    assertThat(resolved.getJsonObject("syncedIds").getString("9001")).isEqualTo("p-1");
  }

  @Test
  void anUnprovenDeclaredIdShouldNeitherLinkNorFindAnyone() {
    request(
        vertx,
        Addresses.PROFILE_REALIZE,
        new JsonObject().put("uuid", "666").put("declaredIds", declared(20917, "crm-eve")));
    JsonArray unproven =
        new JsonArray().add(new JsonObject().put("dpid", 20917).put("dpuuid", "crm-eve"));
    // someone else's cookie names the same id without proof: no link moves to them
    request(
        vertx,
        Addresses.PROFILE_REALIZE,
        new JsonObject().put("uuid", "667").put("declaredIds", unproven));

    JsonObject byStranger = resolve(unproven);
    assertThat(byStranger.containsKey("uuid")).as("nobody found").isFalse();
    assertThat(byStranger.getBoolean("known")).isFalse();
    assertThat(resolve(declared(20917, "crm-eve")).getString("uuid")).isEqualTo("666");
    // the unproven id is kept in the caller's own profile
    JsonObject p667 = request(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", "667"));
    assertThat(p667.getJsonArray("declaredIds").getJsonObject(0).getString("dpuuid"))
        .isEqualTo("crm-eve");
  }

  @Test
  void newestOfSeveralDeclaredIdMappingsShouldWin() {
    request(
        vertx,
        Addresses.PROFILE_REALIZE,
        new JsonObject().put("uuid", "333").put("declaredIds", declared(20915, "crm-a")));
    CLOCK.advance(Duration.ofMinutes(1));
    request(
        vertx,
        Addresses.PROFILE_REALIZE,
        new JsonObject().put("uuid", "444").put("declaredIds", declared(20916, "crm-b")));

    JsonArray both = declared(20915, "crm-a").add(declared(20916, "crm-b").getJsonObject(0));
    assertThat(resolve(both).getString("uuid")).isEqualTo("444");

    CLOCK.advance(Duration.ofMinutes(1));
    request(
        vertx,
        Addresses.PROFILE_REALIZE,
        new JsonObject().put("uuid", "333").put("declaredIds", declared(20915, "crm-a")));
    assertThat(resolve(both).getString("uuid")).isEqualTo("333");
  }

  @Test
  void linkShouldLiveOneHundredTwentyDays() {
    request(
        vertx,
        Addresses.ID_SYNC,
        new JsonObject().put("uuid", "555").put("dpid", 77).put("dpuuid", "ttl"));
    long ttl = members.get(0).getMap(ClusterMaps.IDS).getEntryView("77:ttl").getTtl();
    assertThat(ttl).isEqualTo(Duration.ofDays(120).toMillis());
  }
}
