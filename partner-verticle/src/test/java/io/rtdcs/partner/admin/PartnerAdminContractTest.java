package io.rtdcs.partner.admin;

import static io.rtdcs.partner.support.Partners.admin;
import static io.rtdcs.partner.support.Partners.config;
import static io.rtdcs.partner.support.Partners.deploy;
import static io.rtdcs.partner.support.Partners.http;
import static io.rtdcs.partner.support.Partners.lookup;
import static io.rtdcs.partner.support.Partners.lookupRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.partner.support.StubPartnerServer;
import io.rtdcs.partner.support.TestHazelcast;
import io.rtdcs.partner.support.TimingSlack;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** dcs.admin.partners with the exact requests of docs/event-bus.md. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class PartnerAdminContractTest {
  private static final String DEFINITION =
      """
      {"dpid": 9001, "name": "Demo partner", "type": "http", "enabled": true,
       "url": "http://127.0.0.1:8090/lookup", "method": "POST",
       "timeoutMs": 80, "signals": ["c_category", "c_brand"], "requiresSync": false,
       "cacheTtlSeconds": 600, "maxInFlight": 256, "maxSegments": 100, "maxBodyBytes": 65536,
       "breaker": {"maxFailures": 5, "resetTimeoutMs": 5000},
       "signing": {"algorithm": "HmacSHA256", "header": "X-Signature", "key": "secret"},
       "sync": {"url": "https://sync.partner.example/sync?aam=%DID%", "ttlMinutes": 20160, "redirectHosts": ["sync.partner.example"]}}
      """;

  private static HazelcastInstance hz;

  @BeforeAll
  static void startHazelcast() {
    hz = TestHazelcast.member("test-" + UUID.randomUUID(), false);
  }

  @AfterAll
  static void stopHazelcast() {
    hz.shutdown();
  }

  @BeforeEach
  void clearDefinitions() {
    TestHazelcast.reset(hz);
  }

  @Test
  void putShouldStoreTheDefinitionWithDefaultsAndGetListDeleteShouldFollowTheContract(Vertx vertx) {
    deploy(vertx, hz, config());

    JsonObject stored =
        admin(
            vertx,
            new JsonObject("{\"op\": \"put\", \"id\": 9001, \"definition\": " + DEFINITION + "}"));

    JsonObject expected = new JsonObject(DEFINITION);
    expected.getJsonObject("breaker").put("windowMs", 10_000);
    // the signing key is write-only: stored, never shown
    JsonObject shown = expected.copy();
    shown.getJsonObject("signing").put("key", "(write-only)");
    assertThat(stored).isEqualTo(shown);
    assertThat(admin(vertx, new JsonObject("{\"op\": \"get\", \"id\": 9001}"))).isEqualTo(shown);
    assertThat(admin(vertx, new JsonObject("{\"op\": \"list\"}")))
        .isEqualTo(new JsonObject().put("items", new io.vertx.core.json.JsonArray().add(shown)));
    assertThat(hz.<Integer, String>getMap(ClusterMaps.PARTNERS).get(9001))
        .isEqualTo(expected.encode());

    // a get, edited and put back with the mask keeps the stored key
    JsonObject edited = shown.copy().put("name", "renamed");
    admin(vertx, new JsonObject().put("op", "put").put("id", 9001).put("definition", edited));
    assertThat(
            new JsonObject(hz.<Integer, String>getMap(ClusterMaps.PARTNERS).get(9001))
                .getJsonObject("signing")
                .getString("key"))
        .isEqualTo("secret");
    assertThat(admin(vertx, new JsonObject("{\"op\": \"delete\", \"id\": 9001}")))
        .isEqualTo(new JsonObject("{\"deleted\": 9001}"));
    assertThat(admin(vertx, new JsonObject("{\"op\": \"list\"}")))
        .isEqualTo(new JsonObject("{\"items\": []}"));
  }

  @Test
  void putOfAMinimalDefinitionShouldFillEveryDefault(Vertx vertx) {
    deploy(vertx, hz, config());

    JsonObject stored =
        admin(
            vertx,
            new JsonObject(
                "{\"op\": \"put\", \"id\": 42, \"definition\": {\"url\": \"http://p.example/l\"}}"));

    assertThat(stored)
        .isEqualTo(
            new JsonObject(
                "{\"dpid\": 42, \"name\": \"partner 42\", \"type\": \"http\", \"enabled\": true,"
                    + " \"url\": \"http://p.example/l\", \"method\": \"POST\", \"timeoutMs\": 100,"
                    + " \"signals\": [], \"requiresSync\": false, \"cacheTtlSeconds\": 600,"
                    + " \"maxInFlight\": 256, \"maxSegments\": 100, \"maxBodyBytes\": 65536,"
                    + " \"breaker\": {\"maxFailures\": 5, \"resetTimeoutMs\": 5000,"
                    + " \"windowMs\": 10000}}"));
  }

  @Test
  void aPartnerBeyondWhatRealizeAcceptsShouldBeRefusedWhenWritten(Vertx vertx) {
    deploy(vertx, hz, config());
    for (int id = 1; id <= io.rtdcs.common.Limits.MAX_PARTNERS; id++) {
      admin(vertx, put(id, new JsonObject().put("url", "http://p.example/l")));
    }

    assertThat(failure(vertx, put(1_000, new JsonObject().put("url", "http://p.example/l"))))
        .isEqualTo("400 id: at most 100 partners per cluster; delete one first");
    // replacing one of them is fine
    admin(vertx, put(7, new JsonObject().put("url", "http://p.example/other")));
    assertThat(
            failure(
                vertx,
                put(
                    7,
                    new JsonObject()
                        .put("url", "http://p.example/l")
                        .put("maxSegments", io.rtdcs.common.Limits.MAX_PARTNER_SEGMENTS + 1))))
        .startsWith("400 maxSegments: ");
  }

  @Test
  void invalidDefinitionShouldFail400NamingTheFieldAndChangeNothing(Vertx vertx) {
    deploy(vertx, hz, config(http(9001, "http://127.0.0.1:1/original")));

    assertThat(failure(vertx, put(9001, new JsonObject(DEFINITION).put("timeoutMs", "fast"))))
        .isEqualTo("400 timeoutMs: must be an integer");
    assertThat(failure(vertx, put(9001, new JsonObject(DEFINITION).put("url", "ftp://x/"))))
        .isEqualTo("400 url: must be an absolute http(s) URL");
    assertThat(
            failure(
                vertx,
                put(
                    9001,
                    new JsonObject(DEFINITION)
                        .put("signals", new io.vertx.core.json.JsonArray().add("p_email")))))
        .isEqualTo("400 signals[0]: p_ keys are private and never sent");
    assertThat(
            failure(
                vertx,
                put(
                    9001,
                    new JsonObject(DEFINITION)
                        .put("signing", new JsonObject().put("algorithm", "SHA1")))))
        .startsWith("400 signing.algorithm: must be one of");
    assertThat(failure(vertx, put(9001, new JsonObject(DEFINITION).put("dpid", 9002))))
        .isEqualTo("400 dpid: must equal id 9001");
    assertThat(failure(vertx, new JsonObject().put("op", "put").put("id", 9001)))
        .isEqualTo("400 definition: required");
    assertThat(failure(vertx, new JsonObject().put("op", "rename")))
        .isEqualTo("400 op: must be one of list, get, put, delete, import, restore");
    assertThat(failure(vertx, new JsonObject().put("op", "get").put("id", "9001")))
        .isEqualTo("400 id: must be an integer");

    assertThat(hz.<Integer, String>getMap(ClusterMaps.PARTNERS).get(9001))
        .contains("http://127.0.0.1:1/original");
  }

  @Test
  void aPartnerOnTheMetadataAddressShouldBeRefusedWhenWrittenAndNothingStored(Vertx vertx) {
    // loopback is allowed (the stubs), the metadata service is not
    deploy(vertx, hz, config());

    assertThat(
            failure(
                vertx,
                put(9001, http(9001, "http://169.254.169.254/latest/meta-data/iam/credentials"))))
        .isEqualTo(
            "400 url: resolves to a cloud metadata address (169.254.169.254); only an"
                + " egress.allow entry of exactly 169.254.169.254 permits it");
    assertThat(failure(vertx, put(9001, http(9001, "http://2852039166/latest/meta-data/"))))
        .startsWith("400 url: resolves to a cloud metadata address (169.254.169.254)");
    assertThat(failure(vertx, put(9001, http(9001, "http://[::ffff:10.0.0.7]:8080/lookup"))))
        .isEqualTo(
            "400 url: resolves to a private address (10.0.0.7); add it to egress.allow to permit");
    assertThat(hz.<Integer, String>getMap(ClusterMaps.PARTNERS).size()).isZero();
  }

  @Test
  void withoutAnAllowListEvenLoopbackShouldBeRefused(Vertx vertx) {
    deploy(vertx, hz, new JsonObject());

    assertThat(failure(vertx, put(9001, http(9001, "http://127.0.0.1:8090/lookup"))))
        .isEqualTo(
            "400 url: resolves to a loopback address (127.0.0.1); add it to egress.allow to"
                + " permit");
    assertThat(failure(vertx, put(9001, http(9001, "http://localhost:8090/lookup"))))
        .startsWith("400 url: resolves to a loopback address");
    assertThat(hz.<Integer, String>getMap(ClusterMaps.PARTNERS).size()).isZero();
  }

  @Test
  void aConfigDefinitionOnAnInternalAddressShouldStopTheVerticleNamingIt(Vertx vertx) {
    JsonObject config =
        config(
            http(9001, "http://127.0.0.1:1/ok"),
            http(9002, "http://169.254.169.254/latest/meta-data/"));

    assertThatThrownBy(
            () ->
                vertx
                    .deployVerticle(
                        () -> new io.rtdcs.partner.PartnerVerticle(hz, java.time.Clock.systemUTC()),
                        new io.vertx.core.DeploymentOptions().setConfig(config))
                    .await())
        .hasMessageStartingWith(
            "definitions[1].url: resolves to a cloud metadata address (169.254.169.254)");
    assertThat(hz.<Integer, String>getMap(ClusterMaps.PARTNERS).size()).isZero();
  }

  @Test
  void getAndDeleteOfAnUnknownIdShouldFail404(Vertx vertx) {
    deploy(vertx, hz, config());

    assertThat(failure(vertx, new JsonObject("{\"op\": \"get\", \"id\": 9999}")))
        .isEqualTo("404 id: no partner 9999");
    assertThat(failure(vertx, new JsonObject("{\"op\": \"delete\", \"id\": 9999}")))
        .isEqualTo("404 id: no partner 9999");
  }

  @Test
  void seedingShouldHappenOncePerClusterSoAnAdminDeleteSurvivesARestart(Vertx vertx) {
    String first = deploy(vertx, hz, config(http(9001, "http://127.0.0.1:1/a")));
    admin(vertx, new JsonObject("{\"op\": \"delete\", \"id\": 9001}"));
    vertx.undeploy(first).await();

    deploy(vertx, hz, config(http(9001, "http://127.0.0.1:1/a")));

    assertThat(admin(vertx, new JsonObject("{\"op\": \"list\"}")))
        .isEqualTo(new JsonObject("{\"items\": []}"));
  }

  @Test
  void putShouldBeUsedByTheNextLookupsWithinOneSecond(Vertx vertx) {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    deploy(vertx, hz, config());
    assertThat(lookup(vertx, lookupRequest(100)).reply().getJsonArray("outcomes")).isEmpty();

    admin(vertx, put(9005, http(9005, stub.url("/ok?seg=live"))));

    await()
        .atMost(Duration.ofMillis(TimingSlack.scaled(1_000)))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              JsonObject o = lookup(vertx, lookupRequest(100)).outcome(9005);
              return o != null && "ok".equals(o.getString("outcome"));
            });
  }

  @Test
  void importShouldValidateEveryPartnerAnswerTheDifferenceAndRestoreShouldPutItBack(Vertx vertx) {
    deploy(vertx, hz, config());
    admin(vertx, put(9001, new JsonObject(DEFINITION)));
    String before = hz.<Integer, String>getMap(ClusterMaps.PARTNERS).get(9001);
    JsonObject added =
        new JsonObject()
            .put("dpid", 9002)
            .put("name", "Bus partner")
            .put("type", "eventbus")
            .put("timeoutMs", 60);
    JsonObject masked = new JsonObject(DEFINITION).put("timeoutMs", 90);
    masked.getJsonObject("signing").put("key", "(write-only)");
    JsonObject request =
        new JsonObject()
            .put("op", "import")
            .put("definitions", new io.vertx.core.json.JsonArray().add(masked).add(added))
            .put("prune", true)
            .put("dryRun", true);

    JsonObject dry = admin(vertx, request);
    assertThat(dry.getJsonArray("errors")).isEmpty();
    assertThat(dry.getJsonObject("changes").getJsonObject("partners").getJsonArray("added"))
        .containsExactly(9002);
    assertThat(dry.getJsonObject("changes").getJsonObject("partners").getJsonArray("changed"))
        .containsExactly(9001);
    assertThat(hz.<Integer, String>getMap(ClusterMaps.PARTNERS).get(9001)).isEqualTo(before);
    assertThat(hz.getMap(ClusterMaps.PARTNERS).containsKey(9002)).isFalse();

    JsonObject applied = admin(vertx, request.copy().put("dryRun", false));
    JsonObject stored = new JsonObject(hz.<Integer, String>getMap(ClusterMaps.PARTNERS).get(9001));
    assertThat(stored.getLong("timeoutMs")).isEqualTo(90);
    // the masked key kept the stored one
    assertThat(stored.getJsonObject("signing").getString("key")).isEqualTo("secret");
    assertThat(hz.getMap(ClusterMaps.PARTNERS).containsKey(9002)).isTrue();

    admin(vertx, new JsonObject().put("op", "restore").put("undo", applied.getJsonArray("undo")));
    assertThat(hz.<Integer, String>getMap(ClusterMaps.PARTNERS).get(9001)).isEqualTo(before);
    assertThat(hz.getMap(ClusterMaps.PARTNERS).containsKey(9002)).isFalse();

    // a new partner with a masked key, and a duplicate: named, nothing written
    JsonObject invalid =
        admin(
            vertx,
            request
                .copy()
                .put("dryRun", false)
                .put(
                    "definitions",
                    new io.vertx.core.json.JsonArray()
                        .add(
                            added
                                .copy()
                                .put("signing", new JsonObject().put("key", "(write-only)")))
                        .add(added)));
    assertThat(invalid.getJsonArray("errors")).hasSize(2);
    assertThat(invalid.getJsonArray("errors").getJsonObject(0).getString("message"))
        .startsWith("signing.key: (write-only) keeps the stored secret");
    assertThat(invalid.containsKey("undo")).isFalse();
    assertThat(hz.getMap(ClusterMaps.PARTNERS).containsKey(9002)).isFalse();
  }

  private static JsonObject put(int id, JsonObject definition) {
    return new JsonObject().put("op", "put").put("id", id).put("definition", definition);
  }

  private static String failure(Vertx vertx, JsonObject body) {
    try {
      vertx.eventBus().request(Addresses.ADMIN_PARTNERS, body).await();
    } catch (ReplyException e) {
      return e.failureCode() + " " + e.getMessage();
    }
    throw new AssertionError("expected a failure reply");
  }
}
