package io.rtdcs.partner.lookup;

import static io.rtdcs.partner.support.Partners.admin;
import static io.rtdcs.partner.support.Partners.config;
import static io.rtdcs.partner.support.Partners.deploy;
import static io.rtdcs.partner.support.Partners.http;
import static io.rtdcs.partner.support.Partners.lookup;
import static io.rtdcs.partner.support.Partners.lookupRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.partner.support.StubPartnerServer;
import io.rtdcs.partner.support.TestHazelcast;
import io.rtdcs.partner.support.TimingSlack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Hazelcast members in one JVM, each with its own Vert.x and PartnerVerticle: a definition put
 * through dcs.admin.partners on one is used by the other's lookups within one second.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveAdminChangeTest {
  private HazelcastInstance hzA;
  private HazelcastInstance hzB;
  private Vertx vertxA;
  private Vertx vertxB;

  @BeforeEach
  void startTwoMembers() {
    String cluster = "test-" + UUID.randomUUID();
    hzA = TestHazelcast.member(cluster, true);
    hzB = TestHazelcast.member(cluster, true);
    assertThat(hzA.getCluster().getMembers()).hasSize(2);
    vertxA = Vertx.vertx();
    vertxB = Vertx.vertx();
  }

  @AfterEach
  void stopMembers() {
    vertxA.close().await();
    vertxB.close().await();
    hzB.shutdown();
    hzA.shutdown();
  }

  @Test
  void definitionPutOnOneMemberShouldBeUsedByTheOtherWithinOneSecond() {
    StubPartnerServer stub = StubPartnerServer.start(vertxA);
    deploy(vertxA, hzA, config(http(9001, stub.url("/ok?seg=seeded"))));
    deploy(vertxB, hzB, config(http(9001, stub.url("/ok?seg=ignored-second-seed"))));
    assertThat(lookup(vertxB, lookupRequest(200)).outcome(9001).getJsonArray("segments").getList())
        .containsExactly("seeded");

    admin(
        vertxA,
        new JsonObject()
            .put("op", "put")
            .put("id", 9002)
            .put("definition", http(9002, stub.url("/ok?seg=added-live"))));
    long start = System.nanoTime();

    await()
        .atMost(Duration.ofMillis(TimingSlack.scaled(1_000)))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> lookup(vertxB, lookupRequest(200)).outcome(9002) != null);
    long appliedMs = (System.nanoTime() - start) / 1_000_000;
    org.slf4j.LoggerFactory.getLogger(LiveAdminChangeTest.class)
        .info("definition put on member A used by member B's lookups after {} ms", appliedMs);
    assertThat(lookup(vertxB, lookupRequest(200)).outcome(9002).getJsonArray("segments").getList())
        .containsExactly("added-live");
    assertThat(appliedMs).isLessThan(TimingSlack.scaled(1_000));

    admin(vertxA, new JsonObject().put("op", "delete").put("id", 9001));
    await()
        .atMost(Duration.ofMillis(TimingSlack.scaled(1_000)))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> lookup(vertxB, lookupRequest(200)).outcome(9001) == null);
  }
}
