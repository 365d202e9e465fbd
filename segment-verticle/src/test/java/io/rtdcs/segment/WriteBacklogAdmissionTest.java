package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.failure;
import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.store.WriteBacklog;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code store.writeBehindLimit} at the profile's owner: while the member's write-behind backlog is
 * at its limit (the node measures it every second; here it is set), new visitor data is refused
 * with 503 and counted, and nothing changes; a privacy action still applies; below the limit again,
 * writes are admitted.
 */
class WriteBacklogAdmissionTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private static final WriteBacklog BACKLOG = new WriteBacklog(100);
  private static List<HazelcastInstance> members;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    members = TestMembers.start(1);
    WriteBacklog.install(members.get(0).getUserContext(), BACKLOG);
    vertx = Vertx.vertx();
    SegmentFixture.deploy(vertx, members.get(0), CLOCK, SegmentFixture.config());
  }

  @AfterAll
  static void stop() {
    SegmentFixture.await(vertx.close());
    TestMembers.shutdown(members);
  }

  private static JsonObject realize(String uuid) {
    return new JsonObject()
        .put("uuid", uuid)
        .put("signals", new JsonObject().put("c_category", new JsonArray().add("shoes")));
  }

  private static long count(String uuid) {
    JsonObject p = request(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", uuid));
    return p.getJsonArray("traits").getJsonObject(0).getLong("count");
  }

  @Test
  void aFullBacklogShouldRefuseVisitorDataButNeverAPrivacyAction() {
    String known = "71";
    String fresh = "72";
    BACKLOG.measured(0);
    request(vertx, Addresses.PROFILE_REALIZE, realize(known));
    assertThat(count(known)).isEqualTo(1);

    BACKLOG.measured(100);
    ReplyException refused = failure(vertx, Addresses.PROFILE_REALIZE, realize(known));
    assertThat(refused.failureCode()).isEqualTo(503);
    assertThat(refused.getMessage()).contains("store full", "store.writeBehindLimit 100");
    assertThat(failure(vertx, Addresses.PROFILE_REALIZE, realize(fresh)).failureCode())
        .isEqualTo(503);
    assertThat(BACKLOG.refused()).isEqualTo(2);
    assertThat(count(known)).as("nothing changed").isEqualTo(1);
    assertThat(
            failure(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", fresh))
                .failureCode())
        .isEqualTo(404);

    request(vertx, Addresses.PROFILE_OPTOUT, new JsonObject().put("uuid", known));
    JsonObject out = request(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", known));
    assertThat(out.getBoolean("optedOut")).as("an opt-out is never refused").isTrue();

    BACKLOG.measured(99);
    JsonObject admitted = request(vertx, Addresses.PROFILE_REALIZE, realize(fresh));
    assertThat(admitted.getJsonArray("traits")).isNotEmpty();
    assertThat(count(fresh)).isEqualTo(1);
  }
}
