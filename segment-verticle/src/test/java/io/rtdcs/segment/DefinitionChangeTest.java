package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import io.rtdcs.common.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Members A and B run the verticle, member C runs none but owns profile partitions: a definition
 * written through A is applied on every member within one second.
 */
class DefinitionChangeTest {
  private static List<HazelcastInstance> members;
  private static Vertx nodeA;
  private static Vertx nodeB;

  @BeforeAll
  static void start() {
    members = TestMembers.start(3);
    HazelcastInstance c = members.get(2);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                c.getPartitionService().isClusterSafe()
                    && c.getPartitionService().getPartitions().stream()
                        .anyMatch(p -> c.getCluster().getLocalMember().equals(p.getOwner())));
    nodeA = Vertx.vertx();
    nodeB = Vertx.vertx();
    SegmentFixture.deploy(nodeA, members.get(0), Clock.systemUTC(), SegmentFixture.config());
    SegmentFixture.deploy(nodeB, members.get(1), Clock.systemUTC(), SegmentFixture.config());
  }

  @AfterAll
  static void stop() {
    SegmentFixture.await(nodeA.close());
    SegmentFixture.await(nodeB.close());
    TestMembers.shutdown(members);
  }

  /** 90 uuids, at least one of them owned by member C (which runs no verticle). */
  private static List<String> uuidsAcrossMembers() {
    List<String> uuids = new ArrayList<>();
    boolean ownedByC = false;
    HazelcastInstance c = members.get(2);
    for (int i = 0; i < 90; i++) {
      String uuid = Long.toString(7_000_000L + i);
      uuids.add(uuid);
      Partition p = c.getPartitionService().getPartition(uuid);
      ownedByC |= c.getCluster().getLocalMember().equals(p.getOwner());
    }
    assertThat(ownedByC).isTrue();
    return uuids;
  }

  @Test
  void memberWithoutVerticleShouldRunTheProcessorWithTheSeededDefinitions() {
    for (String uuid : uuidsAcrossMembers()) {
      JsonObject reply =
          request(
              nodeA,
              Addresses.PROFILE_REALIZE,
              new JsonObject()
                  .put("uuid", uuid)
                  .put(
                      "signals", new JsonObject().put("c_category", new JsonArray().add("shoes"))));
      assertThat(reply.getJsonArray("realized").getList()).as(uuid).containsExactly(1001);
    }
  }

  @Test
  void traitPutThroughOneMemberShouldBeAppliedEverywhereWithinOneSecond() {
    JsonObject put =
        new JsonObject()
            .put("op", "put")
            .put("id", 8001)
            .put(
                "definition",
                new JsonObject()
                    .put("sid", 8001)
                    .put("name", "Live trait")
                    .put("type", "rule")
                    .put("rule", "c_live == \"yes\""));
    request(nodeA, Addresses.ADMIN_TRAITS, put);

    JsonObject signals = new JsonObject().put("c_live", new JsonArray().add("yes"));
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(
            () -> {
              for (String uuid : uuidsAcrossMembers()) {
                JsonObject reply =
                    request(
                        nodeB,
                        Addresses.PROFILE_REALIZE,
                        new JsonObject().put("uuid", uuid).put("signals", signals));
                assertThat(reply.getJsonArray("realized").getList()).as(uuid).contains(8001);
              }
            });
  }
}
