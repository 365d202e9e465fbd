package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.failure;
import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.store.IdLink;
import io.rtdcs.segment.store.ProfileEraser;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** dcs.profiles.delete: a data-subject deletion removes everything stored about the visitor. */
class ProfileDeletionTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
  private static List<HazelcastInstance> members;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    members = TestMembers.start(2);
    vertx = Vertx.vertx();
    SegmentFixture.deploy(vertx, members.get(0), CLOCK, SegmentFixture.config());
    // the second member runs no verticle: its processors need its own definitions, which it loads
    // in the background after joining; the tests are about deletion, so wait for that load first
    for (HazelcastInstance member : members) {
      io.rtdcs.segment.definitions.DefinitionsRegistry.forInstance(member)
          .ready()
          .orTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
          .join();
    }
    // and for the partitions to finish moving to the member that just joined
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() -> members.get(0).getPartitionService().isClusterSafe());
  }

  @AfterAll
  static void stop() {
    SegmentFixture.await(vertx.close());
    TestMembers.shutdown(members);
  }

  private static void realizeAndSync(String uuid, String crmId, String partnerId) {
    request(
        vertx,
        Addresses.PROFILE_REALIZE,
        SegmentVerticleContractTest.contractRealize(uuid)
            .put(
                "declaredIds",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("dpid", 20915)
                            .put("dpuuid", crmId)
                            .put("auth", 1)
                            .put("proven", true))));
    request(
        vertx,
        Addresses.ID_SYNC,
        new JsonObject().put("uuid", uuid).put("dpid", 9001).put("dpuuid", partnerId));
  }

  @Test
  void deletingAUuidShouldRemoveTheProfileItsLinksAndItsQueuedPushes() {
    String uuid = "61234567890123456789012345678901234567";
    String other = "71234567890123456789012345678901234567";
    realizeAndSync(uuid, "crm-del-1", "p-del-1");
    realizeAndSync(other, "crm-keep-1", "p-keep-1");
    IMap<String, String> outbound = members.get(1).getMap(ProfileEraser.OUTBOUND_MAP);
    outbound.set("7003|" + uuid, "pending");
    outbound.set("7004|" + uuid, "pending");
    outbound.set("7003|" + other, "pending");
    JsonObject before = request(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", uuid));
    assertThat(before.getJsonArray("idLinks")).hasSize(2);

    JsonObject reply = request(vertx, Addresses.PROFILE_DELETE, new JsonObject().put("uuid", uuid));

    JsonObject erased = reply.getJsonArray("deleted").getJsonObject(0);
    assertThat(erased.getString("uuid")).isEqualTo(uuid);
    assertThat(erased.getBoolean("profile")).isTrue();
    assertThat(erased.getJsonArray("idLinks").getList())
        .containsExactly("20915:crm-del-1", "9001:p-del-1");
    assertThat(erased.getJsonArray("partnerAnswers").getList()).containsExactly(9001);
    assertThat(erased.getJsonArray("outboundPushes").getList())
        .containsExactly("7003|" + uuid, "7004|" + uuid);
    assertThat(
            failure(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", uuid)).failureCode())
        .isEqualTo(404);
    IMap<String, Object> ids = members.get(1).getMap(ClusterMaps.IDS);
    assertThat(ids.containsKey("20915:crm-del-1")).isFalse();
    assertThat(ids.containsKey("9001:p-del-1")).isFalse();
    assertThat(outbound.keySet()).containsExactly("7003|" + other);
    // the other visitor is untouched
    assertThat(ids.containsKey("20915:crm-keep-1")).isTrue();
    assertThat(request(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", other)))
        .isNotNull();
    JsonObject resolved =
        request(vertx, Addresses.PROFILE_RESOLVE, new JsonObject().put("uuid", uuid));
    assertThat(resolved.getBoolean("known")).isFalse();
    assertThat(resolved.getJsonObject("partnerCache")).isEmpty();
  }

  @Test
  void deletingByDeclaredIdShouldEraseTheProfileItLinksTo() {
    String uuid = "81234567890123456789012345678901234567";
    realizeAndSync(uuid, "crm-del-2", "p-del-2");

    JsonObject reply =
        request(
            vertx,
            Addresses.PROFILE_DELETE,
            new JsonObject()
                .put(
                    "declaredIds",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("dpid", 20915)
                                .put("dpuuid", "crm-del-2")
                                .put("proven", true))));

    assertThat(reply.getJsonArray("deleted").getJsonObject(0).getString("uuid")).isEqualTo(uuid);
    assertThat(
            failure(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", uuid)).failureCode())
        .isEqualTo(404);
  }

  @Test
  void deletingAnOptedOutVisitorShouldKeepOnlyTheOptOut() {
    String uuid = "91234567890123456789012345678901234567";
    realizeAndSync(uuid, "crm-del-3", "p-del-3");
    request(vertx, Addresses.PROFILE_OPTOUT, new JsonObject().put("uuid", uuid));

    JsonObject erased =
        request(vertx, Addresses.PROFILE_DELETE, new JsonObject().put("uuid", uuid))
            .getJsonArray("deleted")
            .getJsonObject(0);

    assertThat(erased.getBoolean("optOutKept")).isTrue();
    JsonObject p = request(vertx, Addresses.PROFILE_GET, new JsonObject().put("uuid", uuid));
    assertThat(p.getBoolean("optedOut")).isTrue();
    assertThat(p.getJsonObject("syncedIds")).isEmpty();
    assertThat(p.getJsonArray("declaredIds")).isEmpty();
    assertThat(p.getJsonArray("idLinks")).isEmpty();
  }

  @Test
  void optOutByDeclaredIdShouldReachEveryDeviceLinkedToIt() {
    String phone = "12345678901234567890123456789012345671";
    String laptop = "12345678901234567890123456789012345672";
    realizeAndSync(phone, "crm-both", "p-phone");
    realizeAndSync(laptop, "crm-both", "p-laptop");

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
                                .put("dpid", 20915)
                                .put("dpuuid", "crm-both")
                                .put("proven", true))));

    assertThat(out.getJsonArray("optedOut").getList()).containsExactlyInAnyOrder(phone, laptop);
    // the phone comes back with only its cookie: still opted out
    JsonObject resolved =
        request(vertx, Addresses.PROFILE_RESOLVE, new JsonObject().put("uuid", phone));
    assertThat(resolved.getBoolean("optedOut")).isTrue();
  }

  @Test
  void deletingAnEarlierDeviceShouldDropItFromTheLinkHistory() {
    String phone = "22345678901234567890123456789012345671";
    String laptop = "22345678901234567890123456789012345672";
    realizeAndSync(phone, "crm-hist", "p-hist-phone");
    realizeAndSync(laptop, "crm-hist", "p-hist-laptop");
    IMap<String, IdLink> ids = members.get(1).getMap(ClusterMaps.IDS);
    assertThat(ids.get("20915:crm-hist").devices()).containsExactly(phone);
    // a link the phone's profile no longer lists: found by the cluster-wide query
    ids.set("777:orphan", new IdLink(laptop, 1L, List.of(phone)));

    JsonObject erased =
        request(vertx, Addresses.PROFILE_DELETE, new JsonObject().put("uuid", phone))
            .getJsonArray("deleted")
            .getJsonObject(0);

    assertThat(erased.getJsonArray("idLinks").getList())
        .containsExactly("20915:crm-hist", "777:orphan", "9001:p-hist-phone");
    assertThat(ids.get("777:orphan").devices()).isEmpty();
    IdLink link = ids.get("20915:crm-hist");
    assertThat(link.uuid()).isEqualTo(laptop);
    assertThat(link.devices()).isEmpty();
    assertThat(ids.containsKey("9001:p-hist-phone")).isFalse();
  }

  @Test
  void aRequestWithoutAnyIdShouldFail400() {
    assertThat(failure(vertx, Addresses.PROFILE_DELETE, new JsonObject()).failureCode())
        .isEqualTo(400);
  }
}
