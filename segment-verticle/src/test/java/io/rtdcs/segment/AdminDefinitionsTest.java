package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.failure;
import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dcs.admin.traits|segments|destinations: the contract's shapes, validation, nothing half-applied.
 */
class AdminDefinitionsTest {
  private static List<HazelcastInstance> members;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    members = TestMembers.start(1);
    vertx = Vertx.vertx();
    SegmentFixture.deploy(vertx, members.get(0), Clock.systemUTC(), SegmentFixture.config());
  }

  @AfterAll
  static void stop() {
    SegmentFixture.await(vertx.close());
    TestMembers.shutdown(members);
  }

  private static JsonObject put(int id, JsonObject definition) {
    return new JsonObject().put("op", "put").put("id", id).put("definition", definition);
  }

  private static List<Integer> listedIds(String address, String idField) {
    JsonArray items =
        request(vertx, address, new JsonObject().put("op", "list")).getJsonArray("items");
    return items.stream().map(o -> ((JsonObject) o).getInteger(idField)).toList();
  }

  @Test
  void listAndGetShouldReturnTheSeededDefinitionsWithDefaults() {
    assertThat(listedIds(Addresses.ADMIN_TRAITS, "sid"))
        .containsExactly(1001, 2001, 3001, 4001, 4002);
    assertThat(listedIds(Addresses.ADMIN_SEGMENTS, "id")).containsExactly(5001, 5002, 5003);
    assertThat(listedIds(Addresses.ADMIN_DESTINATIONS, "id")).containsExactly(7001, 7002);

    JsonObject t =
        request(vertx, Addresses.ADMIN_TRAITS, new JsonObject().put("op", "get").put("id", 4002));
    assertThat(t.getInteger("ttlDays")).isEqualTo(120);
    assertThat(t.getInteger("dataSource")).isEqualTo(0);
    JsonObject d =
        request(
            vertx, Addresses.ADMIN_DESTINATIONS, new JsonObject().put("op", "get").put("id", 7002));
    assertThat(d.getString("secureUrl")).startsWith("https://");
  }

  @Test
  void putAndDeleteShouldAnswerTheContractShapes() {
    JsonObject stored =
        request(
            vertx,
            Addresses.ADMIN_TRAITS,
            put(8101, new JsonObject().put("name", "Tmp").put("type", "onboarded")));
    assertThat(stored.getInteger("sid")).isEqualTo(8101);
    assertThat(stored.getInteger("ttlDays")).isEqualTo(120);

    JsonObject deleted =
        request(
            vertx, Addresses.ADMIN_TRAITS, new JsonObject().put("op", "delete").put("id", 8101));
    assertThat(deleted).isEqualTo(new JsonObject().put("deleted", 8101));
    ReplyException gone =
        failure(vertx, Addresses.ADMIN_TRAITS, new JsonObject().put("op", "get").put("id", 8101));
    assertThat(gone.failureCode()).isEqualTo(404);
    ReplyException deleteUnknown =
        failure(vertx, Addresses.ADMIN_SEGMENTS, new JsonObject().put("op", "delete").put("id", 1));
    assertThat(deleteUnknown.failureCode()).isEqualTo(404);
  }

  @Test
  void badRuleShouldFail400NamingTheRuleAndStoreNothing() {
    ReplyException e =
        failure(
            vertx,
            Addresses.ADMIN_TRAITS,
            put(
                8201,
                new JsonObject().put("name", "Broken").put("type", "rule").put("rule", "c_a == ")));
    assertThat(e.failureCode()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("rule: ");
    assertThat(listedIds(Addresses.ADMIN_TRAITS, "sid")).doesNotContain(8201);

    ReplyException seg =
        failure(
            vertx,
            Addresses.ADMIN_SEGMENTS,
            put(
                8202,
                new JsonObject().put("name", "Broken").put("rule", "FREQUENCY([1001T]) <= 3")));
    assertThat(seg.failureCode()).isEqualTo(400);
    assertThat(seg.getMessage()).startsWith("rule: ");
    assertThat(listedIds(Addresses.ADMIN_SEGMENTS, "id")).doesNotContain(8202);
  }

  @Test
  void invalidFieldsShouldFail400NamingTheField() {
    assertThat(
            failure(
                    vertx,
                    Addresses.ADMIN_TRAITS,
                    put(8301, new JsonObject().put("type", "rule").put("rule", "a == \"b\"")))
                .getMessage())
        .startsWith("name: ");
    assertThat(
            failure(
                    vertx,
                    Addresses.ADMIN_TRAITS,
                    put(
                        8302,
                        new JsonObject()
                            .put("name", "x")
                            .put("type", "onboarded")
                            .put("ttlDays", -1)))
                .getMessage())
        .startsWith("ttlDays: ");
    assertThat(
            failure(
                    vertx,
                    Addresses.ADMIN_TRAITS,
                    put(
                        8303,
                        new JsonObject().put("sid", 9).put("name", "x").put("type", "onboarded")))
                .getMessage())
        .startsWith("sid: ");
    assertThat(
            failure(
                    vertx,
                    Addresses.ADMIN_TRAITS,
                    new JsonObject()
                        .put("op", "put")
                        .put("id", -4)
                        .put("definition", new JsonObject()))
                .getMessage())
        .startsWith("id: ");
    assertThat(
            failure(
                    vertx,
                    Addresses.ADMIN_DESTINATIONS,
                    put(
                        8304,
                        new JsonObject()
                            .put("name", "x")
                            .put("type", "url")
                            .put("url", "ftp://x/%ALIAS%")))
                .getMessage())
        .startsWith("url: ");
    assertThat(
            failure(
                    vertx,
                    Addresses.ADMIN_DESTINATIONS,
                    put(
                        8305,
                        new JsonObject()
                            .put("name", "x")
                            .put("type", "cookie")
                            .put("cookieName", "c")
                            .put("key", "k")
                            .put(
                                "mappings",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("segment", 5001)
                                            .put("value", "v")
                                            .put("start", "yesterday")))))
                .getMessage())
        .startsWith("mappings[0].start: ");
    assertThat(
            failure(vertx, Addresses.ADMIN_TRAITS, new JsonObject().put("op", "drop")).getMessage())
        .startsWith("op: ");
  }

  @Test
  void referencesToMissingDefinitionsShouldFail409AndStoreNothing() {
    ReplyException seg =
        failure(
            vertx,
            Addresses.ADMIN_SEGMENTS,
            put(8401, new JsonObject().put("name", "Dangling").put("rule", "1001T AND 9999T")));
    assertThat(seg.failureCode()).isEqualTo(409);
    assertThat(seg.getMessage()).startsWith("rule: ").contains("9999");

    ReplyException dest =
        failure(
            vertx,
            Addresses.ADMIN_DESTINATIONS,
            put(
                8402,
                new JsonObject()
                    .put("name", "x")
                    .put("type", "url")
                    .put("url", "https://x.example/?s=%ALIAS%")
                    .put(
                        "mappings",
                        new JsonArray()
                            .add(new JsonObject().put("segment", 4242).put("value", "v")))));
    assertThat(dest.failureCode()).isEqualTo(409);
    assertThat(dest.getMessage()).startsWith("mappings[0].segment: ");

    ReplyException usedTrait =
        failure(
            vertx, Addresses.ADMIN_TRAITS, new JsonObject().put("op", "delete").put("id", 1001));
    assertThat(usedTrait.failureCode()).isEqualTo(409);
    ReplyException usedSegment =
        failure(
            vertx, Addresses.ADMIN_SEGMENTS, new JsonObject().put("op", "delete").put("id", 5001));
    assertThat(usedSegment.failureCode()).isEqualTo(409);

    assertThat(listedIds(Addresses.ADMIN_SEGMENTS, "id")).containsExactly(5001, 5002, 5003);
    assertThat(listedIds(Addresses.ADMIN_TRAITS, "sid")).contains(1001);
  }

  @Test
  void invalidSeedShouldFailDeploymentNamingTheFieldAndWriteNothing() {
    List<HazelcastInstance> fresh = TestMembers.start(1);
    Vertx other = Vertx.vertx();
    try {
      JsonObject defs = SegmentFixture.demoDefinitions();
      defs.getJsonArray("segments").getJsonObject(1).put("rule", "2001T OR OR");
      JsonObject config = new JsonObject().put("definitions", defs);
      assertThatThrownBy(
              () -> SegmentFixture.deploy(other, fresh.get(0), Clock.systemUTC(), config))
          .hasMessageStartingWith("definitions.segments[1].rule: ");
      assertThat(fresh.get(0).getMap(ClusterMaps.TRAITS).size()).isZero();
      assertThat(fresh.get(0).getMap(ClusterMaps.META).size()).isZero();
    } finally {
      SegmentFixture.await(other.close());
      TestMembers.shutdown(fresh);
    }
  }
}
