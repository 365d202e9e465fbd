package io.rtdcs.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three members, each with its own Vert.x and SegmentVerticle: concurrent realizations all count,
 * once each. The last test terminates a member.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentRealizeTest {
  private static final String UUID = "22920112968019678612904394744954398990";
  private static List<HazelcastInstance> members;
  private static final List<Vertx> nodes = new ArrayList<>();

  @BeforeAll
  static void start() {
    members = TestMembers.start(3);
    for (HazelcastInstance hz : members) {
      Vertx vertx = Vertx.vertx();
      nodes.add(vertx);
      SegmentFixture.deploy(vertx, hz, Clock.systemUTC(), SegmentFixture.config());
    }
  }

  @AfterAll
  static void stop() {
    for (Vertx v : nodes) {
      SegmentFixture.await(v.close());
    }
    TestMembers.shutdown(members);
  }

  @Test
  @Order(1)
  void everyCallSentTwiceThroughDifferentMembersShouldCountOnce() {
    String uuid = "22920112968019678612904394744954398991";
    List<Future<?>> replies = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      JsonObject body =
          new JsonObject()
              .put("tid", "retry-" + i)
              .put("uuid", uuid)
              .put("signals", new JsonObject().put("c_category", new JsonArray().add("shoes")));
      // the call and its retry, through two different members, concurrently
      for (int copy = 0; copy < 2; copy++) {
        replies.add(
            nodes
                .get((i + copy) % 3)
                .eventBus()
                .request(
                    Addresses.PROFILE_REALIZE,
                    body.copy(),
                    new DeliveryOptions().setSendTimeout(30_000)));
      }
    }
    SegmentFixture.await(Future.all(replies));

    JsonObject profile =
        SegmentFixture.request(
            nodes.get(2), Addresses.PROFILE_GET, new JsonObject().put("uuid", uuid));
    assertThat(profile.getJsonArray("traits").getJsonObject(0).getLong("count")).isEqualTo(300);
    long duplicates =
        replies.stream()
            .map(f -> (JsonObject) ((io.vertx.core.eventbus.Message<?>) f.result()).body())
            .filter(r -> r.getJsonArray("realized").isEmpty())
            .count();
    assertThat(duplicates).isEqualTo(300);
  }

  @Test
  @Order(2)
  void thousandConcurrentRealizationsThroughThreeMembersShouldLeaveACountOfExactlyThousand() {
    assertThat(members.get(0).getCluster().getMembers()).hasSize(3);
    JsonObject body =
        new JsonObject()
            .put("uuid", UUID)
            .put("signals", new JsonObject().put("c_category", new JsonArray().add("shoes")));
    List<Future<?>> replies = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Vertx node = nodes.get(i % 3);
      replies.add(
          node.eventBus()
              .request(
                  Addresses.PROFILE_REALIZE,
                  body.copy(),
                  new DeliveryOptions().setSendTimeout(30_000)));
    }
    SegmentFixture.await(Future.all(replies));

    JsonObject profile =
        SegmentFixture.request(
            nodes.get(1), Addresses.PROFILE_GET, new JsonObject().put("uuid", UUID));
    JsonObject trait = profile.getJsonArray("traits").getJsonObject(0);
    assertThat(trait.getInteger("sid")).isEqualTo(1001);
    assertThat(trait.getLong("count")).isEqualTo(1000);

    // the backup holds the same profile: losing the owner loses no realization
    int owner = -1;
    for (int i = 0; i < 3; i++) {
      HazelcastInstance hz = members.get(i);
      if (hz.getPartitionService()
          .getPartition(UUID)
          .getOwner()
          .equals(hz.getCluster().getLocalMember())) {
        owner = i;
      }
    }
    members.get(owner).getLifecycleService().terminate();
    Vertx survivor = nodes.get((owner + 1) % 3);
    JsonObject after =
        SegmentFixture.request(survivor, Addresses.PROFILE_GET, new JsonObject().put("uuid", UUID));
    assertThat(after.getJsonArray("traits").getJsonObject(0).getLong("count")).isEqualTo(1000);
  }
}
