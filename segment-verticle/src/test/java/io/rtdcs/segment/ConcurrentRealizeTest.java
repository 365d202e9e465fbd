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
import org.junit.jupiter.api.Test;

/**
 * Three members, each with its own Vert.x and SegmentVerticle: concurrent realizations all count.
 */
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
