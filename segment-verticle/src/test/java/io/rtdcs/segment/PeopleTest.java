package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.store.Profile;
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
 * People's profiles through three members, each with its own Vert.x and SegmentVerticle, over the
 * event bus (docs/profiles.md, "People"): the phone and the laptop of one person.
 */
class PeopleTest {
  static final int CRM = 20914;
  private static List<HazelcastInstance> members;
  private static final List<Vertx> nodes = new ArrayList<>();
  private static int calls;

  /**
   * Trait 1 (c_a=1), trait 2 (c_b=1); "1T AND 2T" as segment 6001 under the default merge rule
   * (current authenticated + this device), 6002 under "this device only", 6003 under "last
   * authenticated + this device", 6004 under "linked devices".
   */
  static JsonObject definitions() {
    return new JsonObject(
        """
        {"traits": [
          {"sid": 1, "name": "A", "rule": "c_a == 1"},
          {"sid": 2, "name": "B", "rule": "c_b == 1"}],
         "mergeRules": [
          {"id": 2, "name": "This device only", "authenticated": "none", "devices": "this"},
          {"id": 3, "name": "Last authenticated + this device", "authenticated": "last", "devices": "this"},
          {"id": 4, "name": "Linked devices", "authenticated": "none", "devices": "linked"}],
         "segments": [
          {"id": 6001, "name": "A and B, current + device", "rule": "1T AND 2T"},
          {"id": 6002, "name": "A and B, device only", "rule": "1T AND 2T", "mergeRule": 2},
          {"id": 6003, "name": "A and B, last + device", "rule": "1T AND 2T", "mergeRule": 3},
          {"id": 6004, "name": "A and B, linked devices", "rule": "1T AND 2T", "mergeRule": 4}]}
        """);
  }

  @BeforeAll
  static void start() {
    members = TestMembers.start(3);
    for (HazelcastInstance hz : members) {
      Vertx vertx = Vertx.vertx();
      nodes.add(vertx);
      SegmentFixture.deploy(
          vertx, hz, Clock.systemUTC(), new JsonObject().put("definitions", definitions()));
    }
    // the first calls should not wait for a member still loading its definitions or for partitions
    // still moving to the members that just joined (a busy machine took over 10 s for both)
    for (HazelcastInstance member : members) {
      io.rtdcs.segment.definitions.DefinitionsRegistry.forInstance(member)
          .ready()
          .orTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
          .join();
    }
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() -> members.get(0).getPartitionService().isClusterSafe());
  }

  @AfterAll
  static void stop() {
    for (Vertx v : nodes) {
      SegmentFixture.await(v.close());
    }
    TestMembers.shutdown(members);
  }

  static JsonObject id(String crmId, int auth, boolean proven) {
    return new JsonObject()
        .put("dpid", CRM)
        .put("dpuuid", crmId)
        .put("auth", auth)
        .put("proven", proven);
  }

  static JsonObject call(String uuid, String signal, JsonObject... ids) {
    JsonObject body =
        new JsonObject()
            .put("tid", "people-" + calls++)
            .put("uuid", uuid)
            .put("signals", new JsonObject().put(signal, new JsonArray().add("1")));
    JsonArray declared = new JsonArray();
    for (JsonObject d : ids) {
      declared.add(d);
    }
    return body.put("declaredIds", declared);
  }

  private static JsonObject realize(int node, JsonObject body) {
    return request(nodes.get(node % 3), Addresses.PROFILE_REALIZE, body);
  }

  private static Profile person(String crmId) {
    return members.get(0).<String, Profile>getMap(ClusterMaps.PEOPLE).get(CRM + ":" + crmId);
  }

  @Test
  void theLaptopShouldSeeWhatThePhoneDidWhileTheSamePersonIsLoggedInOnIt() {
    String phone = "71000000000000000000000000000000000001";
    String laptop = "71000000000000000000000000000000000002";
    // A on the phone while authenticated: the person's profile takes it, not the phone's
    realize(0, call(phone, "c_a", id("crm-phone-laptop", 1, true)));
    assertThat(person("crm-phone-laptop").traits()).containsOnlyKeys(1);
    JsonObject phoneProfile =
        request(nodes.get(1), Addresses.PROFILE_GET, new JsonObject().put("uuid", phone));
    assertThat(phoneProfile.getJsonArray("traits")).isEmpty();

    // B on the laptop, anonymous: the laptop's own profile; no segment
    assertThat(realize(1, call(laptop, "c_b")).getJsonArray("segments")).isEmpty();
    // the laptop logs in: current authenticated (A) + this device (B); not this device alone; the
    // phone holds nothing (A went to the person), so the linked devices do not have A either
    JsonObject in = realize(2, call(laptop, "c_x", id("crm-phone-laptop", 1, true)));
    assertThat(in.getJsonArray("segments")).containsExactly(6001, 6003);
    assertThat(in.getJsonArray("traits")).contains(1, 2);

    // what an access request shows: the device, and its merged view per rule
    JsonObject laptopProfile =
        request(nodes.get(0), Addresses.PROFILE_GET, new JsonObject().put("uuid", laptop));
    assertThat(laptopProfile.getJsonArray("people")).containsExactly(CRM + ":crm-phone-laptop");
    JsonObject view = laptopProfile.getJsonArray("mergedViews").getJsonObject(0);
    assertThat(view.getInteger("id")).isZero();
    assertThat(view.getJsonArray("profiles"))
        .containsExactly("device:" + laptop, "person:" + CRM + ":crm-phone-laptop");
    assertThat(view.getJsonArray("segments")).containsExactly(6001);
    // and by declared ID: the person's profile, its devices, the newest device's merged views
    JsonObject byId =
        request(
            nodes.get(1),
            Addresses.PROFILE_GET,
            new JsonObject().put("dpid", CRM).put("dpuuid", "crm-phone-laptop"));
    assertThat(
            byId.getJsonObject("profile").getJsonArray("traits").getJsonObject(0).getInteger("sid"))
        .isEqualTo(1);
    assertThat(byId.getJsonArray("devices")).containsExactlyInAnyOrder(laptop, phone);
    assertThat(byId.getString("mergedViewsOf")).isEqualTo(laptop);
    // logged out: no current authenticated profile, the last authenticated one still applies
    JsonObject out = realize(0, call(laptop, "c_x", id("crm-phone-laptop", 2, true)));
    assertThat(out.getJsonArray("segments")).containsExactly(6003);
    // and with no declared ID at all: the device remembers whom it authenticated last (the dcs
    // verticle's resolve passes it as identities)
    JsonObject later =
        realize(
            1,
            call(laptop, "c_x")
                .put("identities", new JsonArray().add(id("crm-phone-laptop", 2, true))));
    assertThat(later.getJsonArray("segments")).containsExactly(6003);
    // or, when the dcs verticle did not resolve the device (no partner to ask), the realize step
    // reads them from the device's profile itself; without either, the device stands alone
    JsonObject unread = realize(2, call(laptop, "c_x").put("readIdentities", true));
    assertThat(unread.getJsonArray("segments")).containsExactly(6003);
    assertThat(realize(0, call(laptop, "c_x")).getJsonArray("segments")).isEmpty();
  }

  @Test
  void underLinkedDevicesTheLaptopShouldSeeWhatThePhoneDidUnderTheSameDeclaredId() {
    String phone = "75000000000000000000000000000000000001";
    String laptop = "75000000000000000000000000000000000002";
    // state 0: the traits stay on each device, both devices are linked to the declared ID
    realize(0, call(phone, "c_a", id("crm-linked", 0, true)));
    JsonObject seen = realize(1, call(laptop, "c_b", id("crm-linked", 0, true)));
    assertThat(seen.getJsonArray("segments")).containsExactly(6004);
    // later, anonymous and not resolved: the realize step reads the laptop's declared IDs itself
    JsonObject unread = realize(2, call(laptop, "c_x").put("readIdentities", true));
    assertThat(unread.getJsonArray("segments")).containsExactly(6004);
    // an unproven claim of the same ID links nothing and sees no device
    String stranger = "75000000000000000000000000000000000003";
    JsonObject claim = realize(2, call(stranger, "c_b", id("crm-linked", 0, false)));
    realize(0, call(stranger, "c_x", id("crm-linked", 0, false)));
    assertThat(claim.getJsonArray("segments")).isEmpty();
  }

  @Test
  void anUnprovenDeclaredIdShouldNeitherWriteNorReadAPersonsProfile() {
    String owner = "71000000000000000000000000000000000011";
    String stranger = "71000000000000000000000000000000000012";
    realize(0, call(owner, "c_a", id("crm-unproven", 1, true)));
    realize(1, call(stranger, "c_b"));
    // the stranger claims the person's id without proving it: nothing of the person is seen
    JsonObject claim = realize(2, call(stranger, "c_x", id("crm-unproven", 1, false)));
    assertThat(claim.getJsonArray("segments")).isEmpty();
    assertThat(claim.getJsonArray("traits")).doesNotContain(1);
    // and the unproven call's own traits stay on the stranger's device
    realize(0, call(stranger, "c_a", id("crm-unproven", 1, false)));
    assertThat(person("crm-unproven").traits().get(1).count()).isEqualTo(1);
  }

  @Test
  void fiveHundredConcurrentAuthenticatedRealizationsFromThreeDevicesShouldAllCount() {
    List<Future<?>> replies = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String device = "7200000000000000000000000000000000000" + (i % 3);
      replies.add(
          nodes
              .get(i % 3)
              .eventBus()
              .request(
                  Addresses.PROFILE_REALIZE,
                  call(device, "c_a", id("crm-concurrent", 1, true)),
                  new DeliveryOptions().setSendTimeout(30_000)));
    }
    SegmentFixture.await(Future.all(replies));
    assertThat(person("crm-concurrent").traits().get(1).count()).isEqualTo(500);
    for (int d = 0; d < 3; d++) {
      JsonObject device =
          request(
              nodes.get(d),
              Addresses.PROFILE_GET,
              new JsonObject().put("uuid", "7200000000000000000000000000000000000" + d));
      assertThat(device.getJsonArray("traits")).as("device %s", d).isEmpty();
    }
  }

  @Test
  void optOutByDeclaredIdShouldReachThePersonAndEveryLinkedDevice() {
    String phone = "73000000000000000000000000000000000001";
    String laptop = "73000000000000000000000000000000000002";
    realize(0, call(phone, "c_a", id("crm-optout", 1, true)));
    realize(1, call(laptop, "c_b", id("crm-optout", 0, true)));
    JsonObject reply =
        request(
            nodes.get(2),
            Addresses.PROFILE_OPTOUT,
            new JsonObject().put("declaredIds", new JsonArray().add(id("crm-optout", 1, true))));
    assertThat(reply.getJsonArray("optedOut")).contains(phone, laptop);
    assertThat(reply.getJsonArray("people")).containsExactly(CRM + ":crm-optout");
    assertThat(person("crm-optout").optedOut()).isTrue();
    assertThat(person("crm-optout").traits()).isEmpty();
    // a later authenticated call adds nothing to the person
    realize(0, call("73000000000000000000000000000000000003", "c_a", id("crm-optout", 1, true)));
    assertThat(person("crm-optout").traits()).isEmpty();
  }

  @Test
  void deletionByDeclaredIdShouldRemoveThePersonItsLinkAndTheLinkedDevices() {
    String phone = "74000000000000000000000000000000000001";
    realize(0, call(phone, "c_a", id("crm-delete", 1, true)));
    realize(1, call(phone, "c_b"));
    assertThat(person("crm-delete")).isNotNull();
    JsonObject reply =
        request(
            nodes.get(2),
            Addresses.PROFILE_DELETE,
            new JsonObject().put("declaredIds", new JsonArray().add(id("crm-delete", 0, true))));
    JsonObject erased = reply.getJsonArray("people").getJsonObject(0);
    assertThat(erased.getString("person")).isEqualTo(CRM + ":crm-delete");
    assertThat(erased.getBoolean("profile")).isTrue();
    assertThat(erased.getBoolean("idLink")).isTrue();
    assertThat(reply.getJsonArray("deleted").getJsonObject(0).getString("uuid")).isEqualTo(phone);
    assertThat(person("crm-delete")).isNull();
    assertThat(members.get(1).getMap(ClusterMaps.IDS).get(CRM + ":crm-delete")).isNull();
    assertThat(members.get(1).getMap(ClusterMaps.PROFILES).get(phone)).isNull();
  }
}
