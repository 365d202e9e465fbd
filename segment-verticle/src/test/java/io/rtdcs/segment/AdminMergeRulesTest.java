package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.failure;
import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.DefinitionsRegistry;
import io.rtdcs.segment.definitions.MergeRule;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dcs.admin.mergerules}: Profile Merge Rules as a definition kind. Seeded from config (rule
 * 1, named by segment 5004), capped by {@code segment.maxMergeRules} (3 here), validated with the
 * field named, protected while a segment names them, and applied on a member that runs no verticle.
 */
class AdminMergeRulesTest {
  private static final int CAP = 3;
  private static List<HazelcastInstance> members;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    members = TestMembers.start(2);
    vertx = Vertx.vertx();
    SegmentFixture.deploy(vertx, members.get(0), Clock.systemUTC(), config());
  }

  @AfterAll
  static void stop() {
    SegmentFixture.await(vertx.close());
    TestMembers.shutdown(members);
  }

  /** Each test leaves the seeded rule 1 alone and removes what it added. */
  @AfterEach
  void removeAddedRules() {
    for (int id : List.of(0, 2, 3, 4, 9)) {
      members.get(0).getMap(ClusterMaps.MERGE_RULES).delete(id);
    }
    members.get(0).getMap(ClusterMaps.SEGMENTS).delete(5009);
  }

  static JsonObject config() {
    JsonObject defs = SegmentFixture.demoDefinitions();
    defs.put("mergeRules", new JsonArray().add(rule("All devices of the person", "all", "linked")));
    defs.getJsonArray("mergeRules").getJsonObject(0).put("id", 1);
    defs.getJsonArray("segments")
        .add(
            new JsonObject()
                .put("id", 5004)
                .put("name", "Shoes on any device")
                .put("rule", "1001T")
                .put("mergeRule", 1));
    return new JsonObject().put("definitions", defs).put("maxMergeRules", CAP);
  }

  private static JsonObject rule(String name, String authenticated, String devices) {
    return new JsonObject()
        .put("name", name)
        .put("authenticated", authenticated)
        .put("devices", devices);
  }

  private static JsonObject put(int id, JsonObject definition) {
    return new JsonObject().put("op", "put").put("id", id).put("definition", definition);
  }

  private static JsonObject op(String op, int id) {
    return new JsonObject().put("op", op).put("id", id);
  }

  private static List<Integer> listedIds() {
    JsonArray items =
        request(vertx, Addresses.ADMIN_MERGE_RULES, new JsonObject().put("op", "list"))
            .getJsonArray("items");
    return items.stream().map(o -> ((JsonObject) o).getInteger("id")).toList();
  }

  /** The definitions of member B, which runs no verticle. */
  private static Definitions memberB() {
    return DefinitionsRegistry.forInstance(members.get(1)).current();
  }

  @Test
  void seededRuleShouldBeListedAndNamedByItsSegment() {
    assertThat(listedIds()).containsExactly(1);
    JsonObject got = request(vertx, Addresses.ADMIN_MERGE_RULES, op("get", 1));
    assertThat(got).isEqualTo(rule("All devices of the person", "all", "linked").put("id", 1));
    JsonObject segment = request(vertx, Addresses.ADMIN_SEGMENTS, op("get", 5004));
    assertThat(segment.getInteger("mergeRule")).isEqualTo(1);
  }

  @Test
  void putGetDeleteShouldAnswerTheContractShapesAndReachEveryMember() {
    JsonObject stored =
        request(
            vertx, Addresses.ADMIN_MERGE_RULES, put(2, rule("Last person only", "last", "none")));
    assertThat(stored).isEqualTo(rule("Last person only", "last", "none").put("id", 2));
    assertThat(request(vertx, Addresses.ADMIN_MERGE_RULES, op("get", 2))).isEqualTo(stored);
    assertThat(listedIds()).containsExactly(1, 2);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(memberB().mergeRules().get(2))
                    .extracting(MergeRule::authenticated, MergeRule::devices)
                    .containsExactly(MergeRule.Authenticated.LAST, MergeRule.Devices.NONE));

    assertThat(request(vertx, Addresses.ADMIN_MERGE_RULES, op("delete", 2)))
        .isEqualTo(new JsonObject().put("deleted", 2));
    assertThat(failure(vertx, Addresses.ADMIN_MERGE_RULES, op("get", 2)).failureCode())
        .isEqualTo(404);
    assertThat(failure(vertx, Addresses.ADMIN_MERGE_RULES, op("delete", 2)).failureCode())
        .isEqualTo(404);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(memberB().mergeRules()).doesNotContainKey(2));
  }

  @Test
  void ruleZeroShouldReplaceTheBuiltInDefaultUntilDeleted() {
    request(vertx, Addresses.ADMIN_MERGE_RULES, put(0, rule("This device only", "none", "this")));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(memberB().mergeRule(MergeRule.DEFAULT_ID).authenticated())
                    .isEqualTo(MergeRule.Authenticated.NONE));

    // segments 5001-5003 name no rule, so they use rule 0: its deletion is allowed all the same
    assertThat(request(vertx, Addresses.ADMIN_MERGE_RULES, op("delete", 0)))
        .isEqualTo(new JsonObject().put("deleted", 0));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(memberB().mergeRule(MergeRule.DEFAULT_ID))
                    .isEqualTo(MergeRule.BUILT_IN_DEFAULT));
  }

  @Test
  void invalidFieldsShouldFail400NamingTheFieldAndStoreNothing() {
    assertThat(
            failure(vertx, Addresses.ADMIN_MERGE_RULES, put(3, rule("x", "sometimes", "this")))
                .getMessage())
        .startsWith("authenticated: ");
    assertThat(
            failure(vertx, Addresses.ADMIN_MERGE_RULES, put(3, rule("x", "none", "none")))
                .getMessage())
        .startsWith("devices: ");
    assertThat(
            failure(vertx, Addresses.ADMIN_MERGE_RULES, put(3, rule("", "all", "this")))
                .getMessage())
        .startsWith("name: ");
    assertThat(
            failure(
                    vertx,
                    Addresses.ADMIN_MERGE_RULES,
                    put(3, rule("x", "all", "this").put("id", 4)))
                .getMessage())
        .startsWith("id: ");
    ReplyException negative =
        failure(vertx, Addresses.ADMIN_MERGE_RULES, put(-1, rule("x", "all", "this")));
    assertThat(negative.failureCode()).isEqualTo(400);
    assertThat(negative.getMessage()).startsWith("id: ");
    assertThat(failure(vertx, Addresses.ADMIN_MERGE_RULES, op("get", -1)).failureCode())
        .isEqualTo(400);
    assertThat(listedIds()).containsExactly(1);
  }

  @Test
  void ruleBeyondTheCapShouldFail409AndAReplacementShouldNot() {
    request(vertx, Addresses.ADMIN_MERGE_RULES, put(2, rule("Two", "current", "this")));
    request(vertx, Addresses.ADMIN_MERGE_RULES, put(0, rule("Zero counts", "none", "this")));

    ReplyException beyond =
        failure(vertx, Addresses.ADMIN_MERGE_RULES, put(3, rule("Four", "all", "this")));
    assertThat(beyond.failureCode()).isEqualTo(409);
    assertThat(beyond.getMessage()).startsWith("id: ").contains("at most " + CAP);
    assertThat(listedIds()).containsExactly(0, 1, 2);

    // a rule already stored may change at the cap
    JsonObject changed =
        request(
            vertx, Addresses.ADMIN_MERGE_RULES, put(2, rule("Two, renamed", "current", "this")));
    assertThat(changed.getString("name")).isEqualTo("Two, renamed");
  }

  @Test
  void ruleNamedByASegmentShouldNotBeDeleted() {
    ReplyException used = failure(vertx, Addresses.ADMIN_MERGE_RULES, op("delete", 1));
    assertThat(used.failureCode()).isEqualTo(409);
    assertThat(used.getMessage()).startsWith("id: ").contains("segment 5004");
    assertThat(listedIds()).containsExactly(1);
  }

  @Test
  void segmentNamingAnUnknownRuleShouldFail409AndStoreNothing() {
    ReplyException unknown =
        failure(
            vertx,
            Addresses.ADMIN_SEGMENTS,
            put(5009, new JsonObject().put("name", "x").put("rule", "1001T").put("mergeRule", 9)));
    assertThat(unknown.failureCode()).isEqualTo(409);
    assertThat(unknown.getMessage()).startsWith("mergeRule: ").contains("9");
    assertThat(members.get(0).getMap(ClusterMaps.SEGMENTS).containsKey(5009)).isFalse();

    request(vertx, Addresses.ADMIN_MERGE_RULES, put(9, rule("Nine", "current", "linked")));
    JsonObject stored =
        request(
            vertx,
            Addresses.ADMIN_SEGMENTS,
            put(5009, new JsonObject().put("name", "x").put("rule", "1001T").put("mergeRule", 9)));
    assertThat(stored.getInteger("mergeRule")).isEqualTo(9);
  }

  @Test
  void invalidSeedShouldFailDeploymentNamingTheFieldAndWriteNothing() {
    JsonObject badRule = config();
    badRule
        .getJsonObject("definitions")
        .getJsonArray("mergeRules")
        .getJsonObject(0)
        .put("devices", "all");
    assertDeploymentFails(badRule, "definitions.mergeRules[0].devices: ");

    JsonObject unknown = config();
    unknown
        .getJsonObject("definitions")
        .getJsonArray("segments")
        .getJsonObject(3)
        .put("mergeRule", 7);
    assertDeploymentFails(unknown, "definitions: mergeRule: segment 5004 names merge rule 7");

    JsonObject tooMany = config().put("maxMergeRules", 1);
    JsonArray rules = tooMany.getJsonObject("definitions").getJsonArray("mergeRules");
    rules.add(rule("Zero", "current", "this").put("id", 0));
    assertDeploymentFails(tooMany, "definitions.mergeRules: 2 merge rules, at most 1");

    assertDeploymentFails(config().put("maxMergeRules", 0), "maxMergeRules: ");
  }

  private static void assertDeploymentFails(JsonObject config, String message) {
    List<HazelcastInstance> fresh = TestMembers.start(1);
    Vertx other = Vertx.vertx();
    try {
      assertThatThrownBy(
              () -> SegmentFixture.deploy(other, fresh.get(0), Clock.systemUTC(), config))
          .hasMessageStartingWith(message);
      assertThat(fresh.get(0).getMap(ClusterMaps.MERGE_RULES).size()).isZero();
      assertThat(fresh.get(0).getMap(ClusterMaps.META).size()).isZero();
    } finally {
      SegmentFixture.await(other.close());
      TestMembers.shutdown(fresh);
    }
  }
}
