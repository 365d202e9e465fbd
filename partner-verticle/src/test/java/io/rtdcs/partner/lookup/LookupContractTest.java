package io.rtdcs.partner.lookup;

import static io.rtdcs.partner.support.Partners.config;
import static io.rtdcs.partner.support.Partners.deploy;
import static io.rtdcs.partner.support.Partners.http;
import static io.rtdcs.partner.support.Partners.lookup;
import static io.rtdcs.partner.support.Partners.lookupRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.contract.LookupReply;
import io.rtdcs.contract.LookupRequest;
import io.rtdcs.partner.support.Partners.Timed;
import io.rtdcs.partner.support.StubPartnerServer;
import io.rtdcs.partner.support.StubPartnerServer.Seen;
import io.rtdcs.partner.support.TestHazelcast;
import io.rtdcs.partner.support.TimingSlack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** dcs.partners.lookup and dcs.partners.sync-policy with the exact JSON of docs/event-bus.md. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class LookupContractTest {
  private static final String CONTRACT_REQUEST =
      """
      {"tid": "31ZpxW5bQGc=", "timeoutMs": 80,
       "uuid": "22920112968019678612904394744954398990",
       "signals": {"c_category": ["shoes"]},
       "syncedIds": {"9001": "partner-id-42"},
       "cachedDpids": [9002],
       "consent": {"gdpr": 1, "gdprConsent": "CO..."}}
      """;

  private static final String CONTRACT_DEFINITION =
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

  private static JsonObject contractDefinition(StubPartnerServer stub) {
    return new JsonObject(CONTRACT_DEFINITION)
        .put("url", stub.url("/ok?seg=auto-intender,shoes-buyer"));
  }

  @Test
  void contractRequestShouldGetOneOutcomePerPartnerAndIdSyncs(Vertx vertx) throws Exception {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    deploy(
        vertx,
        hz,
        config(
            contractDefinition(stub),
            http(9002, stub.url("/ok?seg=cached-one")),
            http(9003, stub.url("/hang")),
            http(9004, stub.url("/nodata"))
                .put("sync", new JsonObject().put("url", "https://p4.example/sync?aam=%DID%"))));

    Timed timed = lookup(vertx, new JsonObject(CONTRACT_REQUEST));

    JsonObject ok = timed.outcome(9001);
    assertThat(ok.getString("outcome")).isEqualTo("ok");
    assertThat(ok.getJsonArray("segments").getList())
        .containsExactly("auto-intender", "shoes-buyer");
    assertThat(ok.getLong("ttlSeconds")).isEqualTo(60);
    assertThat(ok.getValue("latencyMs")).isInstanceOf(Number.class);
    assertThat(ok.containsKey("detail")).isFalse();
    assertThat(timed.outcome(9002).getString("outcome")).isEqualTo("cached");
    assertThat(timed.outcome(9002).getLong("latencyMs")).isZero();
    assertThat(timed.outcome(9003).getString("outcome")).isEqualTo("timeout");
    assertThat(timed.outcome(9003).getString("detail")).contains("no answer within");
    assertThat(timed.outcome(9004).getString("outcome")).isEqualTo("no-data");
    assertThat(timed.outcome(9004).getLong("ttlSeconds")).isEqualTo(600);
    assertThat(timed.reply().getJsonArray("outcomes").size()).isEqualTo(4);
    assertThat(timed.reply().getInteger("partners")).isEqualTo(4);
    assertThat(timed.reply().getJsonArray("ibs"))
        .containsExactly(
            new JsonObject(
                "{\"id\": 9004, \"tag\": \"img\", \"url\": [\"https://p4.example/sync?aam=%DID%\"],"
                    + " \"ttl\": 20160, \"fireURLSync\": 1}"));
    assertThat(timed.elapsedMs()).isLessThanOrEqualTo(80 + TimingSlack.ms());
    assertThat(stub.seen()).noneMatch(s -> s.uri().contains("cached-one"));
  }

  /**
   * rtdcs's own dcs verticle sends the record (docs/event-bus.md, "Typed and JSON forms"): it gets
   * a {@code LookupReply} with the outcomes the JSON form gets, and its private signals never reach
   * a partner either.
   */
  @Test
  void aTypedLookupShouldGetATypedReply(Vertx vertx) throws Exception {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    deploy(vertx, hz, config(contractDefinition(stub)));
    java.util.Map<String, java.util.List<String>> signals = new java.util.LinkedHashMap<>();
    signals.put("c_category", java.util.List.of("shoes"));
    signals.put("p_secret", java.util.List.of("never-sent"));
    LookupRequest request =
        new LookupRequest(
            "t-typed",
            80,
            "22920112968019678612904394744954398990",
            signals,
            java.util.Map.of(),
            java.util.Set.of(),
            null);

    Object reply =
        vertx
            .eventBus()
            .request(
                Addresses.PARTNER_LOOKUP,
                request,
                new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(5_000))
            .await()
            .body();

    assertThat(reply).isInstanceOf(LookupReply.class);
    LookupReply typed = (LookupReply) reply;
    assertThat(typed.partners()).isEqualTo(1);
    assertThat(typed.outcomes()).hasSize(1);
    assertThat(typed.outcomes().get(0).outcome()).isEqualTo("ok");
    assertThat(typed.outcomes().get(0).segments()).containsExactly("auto-intender", "shoes-buyer");
    assertThat(stub.seen()).hasSize(1);
    assertThat(stub.seen().get(0).body().toString()).contains("shoes").doesNotContain("never-sent");
  }

  @Test
  void theReplyShouldCountThePartnersAskedSoTheCallerCanSkipTheLookup(Vertx vertx)
      throws Exception {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    deploy(vertx, hz, config(http(9005, stub.url("/ok?seg=x")).put("enabled", false)));

    Timed timed = lookup(vertx, new JsonObject(CONTRACT_REQUEST));

    assertThat(timed.reply().getJsonArray("outcomes")).isEmpty();
    assertThat(timed.reply().getInteger("partners")).isZero();
    assertThat(stub.seen()).isEmpty();
  }

  @Test
  void httpPartnerShouldReceiveTheProtocolJsonSignedOverTheRawBody(Vertx vertx) throws Exception {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    deploy(vertx, hz, config(contractDefinition(stub)));
    JsonObject request = new JsonObject(CONTRACT_REQUEST);
    request
        .getJsonObject("signals")
        .put("c_brand", new JsonArray().add("acme"))
        .put("c_size", new JsonArray().add("42"))
        .put("p_email_domain", new JsonArray().add("example.com"));

    lookup(vertx, request);

    Seen seen = stub.seen().get(0);
    assertThat(seen.method()).isEqualTo("POST");
    JsonObject body = seen.body().toJsonObject();
    assertThat(body.getString("uuid")).isEqualTo("22920112968019678612904394744954398990");
    assertThat(body.getString("dpuuid")).isEqualTo("partner-id-42");
    assertThat(body.getString("tid")).isEqualTo("31ZpxW5bQGc=");
    assertThat(body.getLong("tmax")).isBetween(1L, 80L);
    assertThat(body.getJsonObject("signals"))
        .isEqualTo(new JsonObject("{\"c_category\": [\"shoes\"], \"c_brand\": [\"acme\"]}"));
    assertThat(body.getJsonObject("consent"))
        .isEqualTo(new JsonObject("{\"gdpr\": 1, \"gdprConsent\": \"CO...\"}"));
    assertThat(seen.signature()).isEqualTo(hmac("HmacSHA256", "secret", seen.body().getBytes()));
  }

  @Test
  void getPartnerShouldExpandTheUrlTemplateAndSignPathAndQuery(Vertx vertx) throws Exception {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    JsonObject def =
        http(9001, stub.url("/ok?seg=g&u=${UUID}&d=${DPUUID}&t=${TMAX}"))
            .put("method", "GET")
            .put("timeoutMs", 70)
            .put("signing", new JsonObject().put("key", "sample_partner_private_key"));
    deploy(vertx, hz, config(def));
    JsonObject request =
        lookupRequest(200).put("syncedIds", new JsonObject().put("9001", "id with space&x"));
    lookup(vertx, request); // warm up the cold path (class loading, first connection)
    stub.seen().clear();

    Timed timed = lookup(vertx, request);

    assertThat(timed.outcome(9001).getJsonArray("segments").getList()).containsExactly("g");
    Seen seen = stub.seen().get(0);
    assertThat(seen.method()).isEqualTo("GET");
    assertThat(seen.uri())
        .isEqualTo("/ok?seg=g&u=22920112968019678612904394744954398990&d=id+with+space%26x&t=70");
    assertThat(seen.signature())
        .isEqualTo(hmac("HmacSHA1", "sample_partner_private_key", seen.uri().getBytes()));
  }

  @Test
  void partnerRequiringSyncShouldBeSkippedWithoutSyncedIdAndCalledWithOne(Vertx vertx) {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    deploy(vertx, hz, config(http(9001, stub.url("/ok?seg=synced")).put("requiresSync", true)));

    Timed without = lookup(vertx, lookupRequest(200));
    assertThat(without.outcome(9001).getString("outcome")).isEqualTo("skipped");
    assertThat(stub.seen()).isEmpty();

    Timed with =
        lookup(vertx, lookupRequest(200).put("syncedIds", new JsonObject().put("9001", "p-1")));
    assertThat(with.outcome(9001).getString("outcome")).isEqualTo("ok");
    assertThat(stub.seen()).hasSize(1);
  }

  @Test
  void disabledPartnerShouldNeitherBeCalledNorReported(Vertx vertx) {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    deploy(
        vertx,
        hz,
        config(http(9001, stub.url("/ok")).put("enabled", false), http(9002, stub.url("/ok"))));

    Timed timed = lookup(vertx, lookupRequest(200));

    assertThat(timed.byDpid()).containsOnlyKeys(9002);
    assertThat(stub.seen()).hasSize(1);
  }

  @Test
  void callsOverMaxInFlightShouldBeSkippedWithoutCallingThePartner(Vertx vertx) {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    deploy(
        vertx,
        hz,
        config(
            http(9001, stub.url("/ok?seg=limited&delay=100")).put("maxInFlight", 1),
            http(9002, stub.url("/ok?seg=other&delay=20"))));
    lookup(vertx, lookupRequest(300));
    stub.seen().clear();

    Future<JsonObject> first = request(vertx, lookupRequest(300));
    Future<JsonObject> second = request(vertx, lookupRequest(300));

    JsonObject a = first.await();
    JsonObject b = second.await();
    assertThat(java.util.List.of(outcome(a, 9001), outcome(b, 9001)))
        .containsExactlyInAnyOrder("ok", "skipped");
    assertThat(stub.seen()).filteredOn(s -> s.uri().contains("limited")).hasSize(1);
    // a partner answered without I/O (skipped) must not end the lookup before the others answer
    assertThat(outcome(a, 9002)).isEqualTo("ok");
    assertThat(outcome(b, 9002)).isEqualTo("ok");
  }

  @Test
  void severalVerticleInstancesShouldSeedOnceAndAllServeLookups(Vertx vertx) {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    deploy(vertx, hz, config(http(9001, stub.url("/ok?seg=multi"))), 3);

    assertThat(hz.getMap(io.rtdcs.common.ClusterMaps.PARTNERS).size()).isEqualTo(1);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofMillis(TimingSlack.scaled(1_000)))
        .until(
            () -> {
              for (int i = 0; i < 6; i++) {
                JsonObject o = lookup(vertx, lookupRequest(200)).outcome(9001);
                if (o == null || !"ok".equals(o.getString("outcome"))) {
                  return false;
                }
              }
              return true;
            });
  }

  @Test
  void invalidConfigShouldFailTheDeploymentNamingTheKey(Vertx vertx) {
    JsonObject badDefinition = config(http(9001, "http://127.0.0.1:1/").put("timeoutMs", -1));
    JsonObject badPool = new JsonObject().put("http.maxPoolSize", 0);

    assertThat(awaitFailure(deployFuture(vertx, badDefinition)))
        .isEqualTo("definitions[0].timeoutMs: must be between 1 and 60000, was -1");
    assertThat(awaitFailure(deployFuture(vertx, badPool)))
        .isEqualTo("http.maxPoolSize: must be between 1 and 10000");
  }

  private static Future<String> deployFuture(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(
        () -> new io.rtdcs.partner.PartnerVerticle(hz, java.time.Clock.systemUTC()),
        new io.vertx.core.DeploymentOptions().setConfig(config));
  }

  private static String awaitFailure(Future<?> future) {
    try {
      future.await();
    } catch (Exception e) {
      return e.getMessage();
    }
    return "deployed";
  }

  @Test
  void invalidLookupRequestShouldFail400NamingTheField(Vertx vertx) {
    deploy(vertx, hz, config());

    assertThat(failure(vertx, Addresses.PARTNER_LOOKUP, new JsonObject().put("uuid", "1")))
        .isEqualTo("400 timeoutMs: required");
    assertThat(
            failure(
                vertx,
                Addresses.PARTNER_LOOKUP,
                lookupRequest(80).put("signals", new JsonObject().put("c_x", "not-an-array"))))
        .isEqualTo("400 signals.c_x: must be an array of strings");
    assertThat(
            failure(
                vertx,
                Addresses.PARTNER_LOOKUP,
                lookupRequest(80).put("cachedDpids", new JsonArray().add("9002"))))
        .isEqualTo("400 cachedDpids[0]: must be an integer");
  }

  @Test
  void syncPolicyShouldAllowOnlyHttpRedirectsToTheListedHosts(Vertx vertx) {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    deploy(vertx, hz, config(contractDefinition(stub)));

    assertThat(
            policy(
                vertx,
                "{\"dpid\": 9001, \"redir\": \"https://sync.partner.example/done?u=${DD_UUID}\"}"))
        .isEqualTo(new JsonObject("{\"known\": true, \"allowed\": true}"));
    assertThat(policy(vertx, "{\"dpid\": 9001, \"redir\": \"https://evil.example/x\"}"))
        .isEqualTo(new JsonObject("{\"known\": true, \"allowed\": false}"));
    assertThat(
            policy(
                vertx,
                "{\"dpid\": 9001, \"redir\": \"https://sync.partner.example@evil.example/\"}"))
        .isEqualTo(new JsonObject("{\"known\": true, \"allowed\": false}"));
    assertThat(
            policy(
                vertx,
                "{\"dpid\": 9001, \"redir\": \"javascript:alert(1)//sync.partner.example\"}"))
        .isEqualTo(new JsonObject("{\"known\": true, \"allowed\": false}"));
    assertThat(policy(vertx, "{\"dpid\": 7777, \"redir\": \"https://sync.partner.example/\"}"))
        .isEqualTo(new JsonObject("{\"known\": false, \"allowed\": false}"));
    assertThat(failure(vertx, Addresses.PARTNER_SYNC_POLICY, new JsonObject().put("dpid", 9001)))
        .isEqualTo("400 redir: required");
  }

  private static JsonObject policy(Vertx vertx, String json) {
    return vertx
        .eventBus()
        .<JsonObject>request(Addresses.PARTNER_SYNC_POLICY, new JsonObject(json))
        .await()
        .body();
  }

  private static Future<JsonObject> request(Vertx vertx, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(Addresses.PARTNER_LOOKUP, body).map(m -> m.body());
  }

  private static String outcome(JsonObject reply, int dpid) {
    return reply.getJsonArray("outcomes").stream()
        .map(JsonObject.class::cast)
        .filter(o -> o.getInteger("dpid") == dpid)
        .findFirst()
        .orElseThrow()
        .getString("outcome");
  }

  static String failure(Vertx vertx, String address, JsonObject body) {
    try {
      vertx.eventBus().request(address, body).await();
    } catch (ReplyException e) {
      return e.failureCode() + " " + e.getMessage();
    }
    throw new AssertionError("expected a failure reply");
  }

  static String hmac(String algorithm, String key, byte[] message) throws Exception {
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
    return Base64.getEncoder().encodeToString(mac.doFinal(message));
  }
}
