package io.rtdcs.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.SegmentFixture;
import io.rtdcs.segment.TestMembers;
import io.rtdcs.segment.outbound.OutboundMetrics;
import io.rtdcs.segment.outbound.OutboxEntry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two members, each with its Vert.x, SegmentVerticle and OutboundVerticle. The member that queued a
 * push and owns it is killed (Hazelcast terminated, no graceful leave) while its delivery hangs:
 * the survivor, now owning the backup, delivers the push.
 */
@Timeout(90)
class OutboundNodeLossTest {
  private List<HazelcastInstance> members;
  private Vertx vertxA;
  private Vertx vertxB;
  private final StubDestination stub = new StubDestination();

  @AfterEach
  void stop() {
    if (vertxA != null) {
      SegmentFixture.await(vertxA.close());
    }
    if (vertxB != null) {
      SegmentFixture.await(vertxB.close());
    }
    TestMembers.shutdown(members);
    stub.close();
  }

  @Test
  void aPushQueuedByAKilledMemberShouldBeDeliveredByTheSurvivor() {
    members = TestMembers.start(2);
    HazelcastInstance a = members.get(0);
    HazelcastInstance b = members.get(1);
    JsonObject defs =
        OutboundFixture.definitions(
            new JsonObject().put("url", stub.url()).put("batchWindowMs", 0));
    JsonObject outbound = new JsonObject().put("scanMs", 20);
    vertxA = OutboundFixture.startNode(a, Clock.systemUTC(), defs, outbound);
    vertxB = OutboundFixture.startNode(b, Clock.systemUTC(), defs, outbound);
    await().atMost(Duration.ofSeconds(30)).until(() -> a.getPartitionService().isClusterSafe());

    // a visitor whose pending push member A owns; A also takes the realize call
    String uuid;
    do {
      uuid = OutboundFixture.newUuid();
    } while (!a.getPartitionService()
        .getPartition(OutboxEntry.key(OutboundFixture.DESTINATION, uuid))
        .getOwner()
        .localMember());
    stub.answer(n -> n == 1 ? 0 : 200); // the first attempt hangs
    OutboundFixture.sync(vertxA, uuid, "partner-42");
    OutboundFixture.qualifyForever(vertxA, uuid);
    await().atMost(Duration.ofSeconds(5)).until(() -> stub.received().size() == 1);

    a.getLifecycleService().terminate();
    SegmentFixture.await(vertxA.close());
    vertxA = null;

    await().atMost(Duration.ofSeconds(30)).until(() -> stub.received().size() >= 2);
    JsonObject first = stub.received().get(0).json();
    JsonObject second = stub.received().get(1).json();
    assertThat(second.getJsonArray("Users")).isEqualTo(first.getJsonArray("Users"));
    assertThat(second.getJsonArray("Users").getJsonObject(0).getString("AAM_UUID")).isEqualTo(uuid);
    await().atMost(Duration.ofSeconds(10)).until(() -> b.getMap(ClusterMaps.OUTBOUND).isEmpty());
    assertThat(OutboundMetrics.forInstance(b).delivered.sum()).isEqualTo(1);
  }
}
