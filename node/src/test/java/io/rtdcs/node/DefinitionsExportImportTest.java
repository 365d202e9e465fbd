package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.HmacSigner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Definitions as code (docs/http-api.md, "Export and import"): definitions changed through {@code
 * /admin} on node A are exported as one document and imported into node B of another cluster
 * (embedded store, admin listener), which then exports the same bytes; an invalid item, a dry run,
 * a database that refuses one write and a second importer change nothing; secrets stay write-only
 * and still sign.
 */
@Timeout(180)
class DefinitionsExportImportTest {
  private static final String PARTNER_KEY = "partner-signing-key-4b1d0c9e";
  private static final String DESTINATION_KEY = "destination-signing-key-77a2f1";

  private static RtdcsNode nodeA;
  private static RtdcsNode nodeB;
  private static Path dataB;
  private static Vertx client;
  private static WebClient web;
  private static HttpServer stub;
  private static final List<JsonObject> stubCalls = new CopyOnWriteArrayList<>();
  private static int portA;
  private static int publicPortB;
  private static int adminPortB;
  private static String exportA;

  @BeforeAll
  static void start() throws Exception {
    client = Vertx.vertx();
    web = WebClient.create(client);
    // a partner that records what it is sent, to check the signature
    stub =
        client
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              stubCalls.add(
                                  new JsonObject()
                                      .put("signature", req.getHeader("X-Signature"))
                                      .put("body", body.toString()));
                              req.response().setStatusCode(204).end();
                            }))
            .listen(0, "127.0.0.1")
            .await();

    int demoPort = TestPorts.free();
    portA = TestPorts.free();
    JsonObject confA =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(2), portA, demoPort);
    functional(confA);
    nodeA = RtdcsNode.start(new NodeOptions(TestStore.memory(confA)), Clock.systemUTC()).await();

    // B: another cluster, the demo definitions plus a segment A never had, the embedded store, and
    // an admin listener
    publicPortB = TestPorts.free();
    adminPortB = TestPorts.free();
    dataB = Files.createTempDirectory("rtdcs-import-");
    JsonObject confB =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(2), publicPortB, demoPort);
    functional(confB);
    confB.getJsonObject("demoPartner").put("enabled", false);
    confB
        .getJsonObject("dcs")
        .put("admin", new JsonObject().put("port", adminPortB).put("host", "127.0.0.1"));
    confB
        .getJsonObject("definitions")
        .getJsonArray("segments")
        .add(new JsonObject().put("id", 5999).put("name", "Only in B").put("rule", "3001T"));
    confB.put("store", new JsonObject().put("backend", "embedded").put("path", dataB.toString()));
    nodeB = RtdcsNode.start(new NodeOptions(confB), Clock.systemUTC()).await();

    changeDefinitionsOfA();
    HttpResponse<Buffer> export = admin(portA, HttpMethod.GET, "/admin/export", null);
    assertThat(export.statusCode()).isEqualTo(200);
    exportA = export.bodyAsString();
  }

  /** A cold JVM on a busy machine gets room: these tests are functional, not timing. */
  private static void functional(JsonObject conf) {
    conf.getJsonObject("dcs").put("budgetMs", 3000).put("storeReserveMs", 1000);
    conf.getJsonObject("definitions")
        .getJsonArray("partners")
        .getJsonObject(0)
        .put("timeoutMs", 1500);
  }

  private static void changeDefinitionsOfA() {
    ok(
        admin(
            portA,
            HttpMethod.PUT,
            "/admin/partners/9050",
            new JsonObject()
                .put("name", "Signed partner")
                .put("type", "http")
                .put("url", "http://127.0.0.1:" + stub.actualPort() + "/lookup")
                .put("timeoutMs", 1500)
                .put("signals", new JsonArray().add("c_category"))
                .put(
                    "signing",
                    new JsonObject().put("key", PARTNER_KEY).put("algorithm", "HmacSHA256"))));
    ok(
        admin(
            portA,
            HttpMethod.PUT,
            "/admin/traits/1100",
            new JsonObject().put("name", "Hat shoppers").put("rule", "c_category == \"hats\"")));
    ok(
        admin(
            portA,
            HttpMethod.PUT,
            "/admin/traits/1002",
            new JsonObject()
                .put("name", "Sports, renamed")
                .put("rule", "c_category == \"sports\"")));
    ok(
        admin(
            portA,
            HttpMethod.PUT,
            "/admin/merge-rules/0",
            new JsonObject()
                .put("name", "This device only")
                .put("authenticated", "none")
                .put("devices", "this")));
    ok(
        admin(
            portA,
            HttpMethod.PUT,
            "/admin/merge-rules/1",
            new JsonObject()
                .put("name", "Every device of the person")
                .put("authenticated", "all")
                .put("devices", "linked")));
    ok(
        admin(
            portA,
            HttpMethod.PUT,
            "/admin/segments/5100",
            new JsonObject()
                .put("name", "Hats and shoes")
                .put("rule", "1100T AND 5001S")
                .put("mergeRule", 1)));
    ok(
        admin(
            portA,
            HttpMethod.PUT,
            "/admin/destinations/7100",
            new JsonObject()
                .put("type", "s2s")
                .put("name", "Partner server")
                .put("url", "https://partner.example/from-aam-s2s")
                .put("userDpid", 20915)
                .put("clientId", "acme")
                .put("signing", new JsonObject().put("key", DESTINATION_KEY))
                .put(
                    "mappings",
                    new JsonArray()
                        .add(new JsonObject().put("segment", 5100).put("value", "hats")))));
    ok(admin(portA, HttpMethod.DELETE, "/admin/destinations/7002", null));
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodeB != null) {
      nodeB.stop().await(60, TimeUnit.SECONDS);
    }
    if (nodeA != null) {
      nodeA.stop().await(60, TimeUnit.SECONDS);
    }
    if (web != null) {
      web.close();
      client.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void exportShouldBeOneSortedDocumentWithSecretsWriteOnly() {
    JsonObject doc = new JsonObject(exportA);
    assertThat(doc.fieldNames())
        .containsExactly("format", "partners", "traits", "segments", "destinations", "mergeRules");
    assertThat(ids(doc, "mergeRules", "id")).containsExactly(0, 1, 3);
    assertThat(item(doc, "segments", "id", 5100).getInteger("mergeRule")).isEqualTo(1);
    assertThat(doc.getString("format")).isEqualTo("rtdcs-definitions/1");
    assertThat(ids(doc, "partners", "dpid")).containsExactly(9001, 9050);
    assertThat(ids(doc, "traits", "sid"))
        .containsExactly(1001, 1002, 1003, 1100, 2001, 2002, 2003, 2004, 3001);
    assertThat(ids(doc, "segments", "id"))
        .containsExactly(5001, 5002, 5003, 5004, 5005, 5006, 5007, 5100);
    assertThat(ids(doc, "destinations", "id")).containsExactly(7001, 7100);
    assertThat(item(doc, "partners", "dpid", 9050).getJsonObject("signing").getString("key"))
        .isEqualTo("(write-only)");
    assertThat(item(doc, "destinations", "id", 7100).getJsonObject("signing").getString("key"))
        .isEqualTo("(write-only)");
    assertThat(exportA).doesNotContain(PARTNER_KEY).doesNotContain(DESTINATION_KEY);
    // the same definitions export the same bytes
    assertThat(admin(portA, HttpMethod.GET, "/admin/export", null).bodyAsString())
        .isEqualTo(exportA);
  }

  @Test
  void importIntoAFreshClusterShouldReproduceEveryDefinitionAndTheSecretsShouldStillSign()
      throws Exception {
    // the public port of a node with an admin listener serves neither
    assertThat(admin(publicPortB, HttpMethod.GET, "/admin/export", null).statusCode())
        .isEqualTo(404);
    String before = admin(adminPortB, HttpMethod.GET, "/admin/export", null).bodyAsString();

    // the masked secrets of the export mean "keep the stored one": B stores none
    HttpResponse<Buffer> masked = admin(adminPortB, HttpMethod.POST, "/admin/import", exportA);
    assertThat(masked.statusCode()).isEqualTo(400);
    JsonArray maskedErrors = masked.bodyAsJsonObject().getJsonArray("errors");
    assertThat(maskedErrors).hasSize(2);
    assertThat(error(maskedErrors, "partners", 9050).getString("message")).contains("signing.key");
    assertThat(error(maskedErrors, "destinations", 7100).getString("message"))
        .contains("signing.key");
    assertThat(admin(adminPortB, HttpMethod.GET, "/admin/export", null).bodyAsString())
        .isEqualTo(before);

    // as CI would: the secrets filled in from its own store
    HttpResponse<Buffer> imported =
        admin(adminPortB, HttpMethod.POST, "/admin/import", withSecrets(exportA));
    assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
    JsonObject changes = imported.bodyAsJsonObject().getJsonObject("changes");
    assertThat(changes.getJsonObject("partners").getJsonArray("added")).containsExactly(9050);
    assertThat(changes.getJsonObject("traits").getJsonArray("added")).containsExactly(1100);
    assertThat(changes.getJsonObject("traits").getJsonArray("changed")).containsExactly(1002);
    assertThat(changes.getJsonObject("segments").getJsonArray("added")).containsExactly(5100);
    assertThat(changes.getJsonObject("segments").getJsonArray("removed")).containsExactly(5999);
    assertThat(changes.getJsonObject("destinations").getJsonArray("added")).containsExactly(7100);
    assertThat(changes.getJsonObject("destinations").getJsonArray("removed")).containsExactly(7002);
    assertThat(changes.getJsonObject("mergeRules").getJsonArray("added")).containsExactly(0, 1);
    assertThat(imported.bodyAsString()).doesNotContain(PARTNER_KEY);

    assertThat(admin(adminPortB, HttpMethod.GET, "/admin/export", null).bodyAsString())
        .isEqualTo(exportA);
    // written through to B's database
    assertThat(rows(dataB, "rtdcs_traits", "1100")).isEqualTo(1);
    assertThat(rows(dataB, "rtdcs_segments", "5999")).isZero();
    assertThat(rows(dataB, "rtdcs_mergerules", "0")).isEqualTo(1);
    assertThat(rows(dataB, "rtdcs_mergerules", "1")).isEqualTo(1);

    // the imported partner signs B's calls with the key
    assertSigned(publicPortB);
  }

  @Test
  void reimportingTheMaskedExportShouldChangeNothingAndKeepTheStoredSecrets() throws Exception {
    HttpResponse<Buffer> again = admin(portA, HttpMethod.POST, "/admin/import", exportA);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    JsonObject changes = again.bodyAsJsonObject().getJsonObject("changes");
    for (String kind : List.of("partners", "traits", "segments", "destinations", "mergeRules")) {
      JsonObject c = changes.getJsonObject(kind);
      assertThat(c.getJsonArray("added")).as(kind).isEmpty();
      assertThat(c.getJsonArray("changed")).as(kind).isEmpty();
      assertThat(c.getJsonArray("removed")).as(kind).isEmpty();
    }
    String stored = nodeA.hazelcast().<Integer, String>getMap("rtdcs.destinations").get(7100);
    assertThat(new JsonObject(stored).getJsonObject("signing").getString("key"))
        .isEqualTo(DESTINATION_KEY);
    assertSigned(portA);
  }

  @Test
  void anImportWithOneInvalidItemShouldChangeNothingAndNameEveryInvalidItem() {
    JsonObject doc = new JsonObject(exportA);
    // valid changes that must not be applied
    item(doc, "traits", "sid", 1001).put("name", "Renamed, never applied");
    doc.getJsonArray("traits")
        .add(
            new JsonObject()
                .put("sid", 1200)
                .put("name", "New, never applied")
                .put("rule", "x == \"1\""));
    // invalid: a rule that does not parse, a reference to a missing trait, a negative timeout
    item(doc, "traits", "sid", 1100).put("rule", "c_category ==");
    doc.getJsonArray("segments")
        .add(new JsonObject().put("id", 5200).put("name", "Dangling").put("rule", "4242T"));
    item(doc, "partners", "dpid", 9050).put("timeoutMs", -1);
    // and a misspelt field, refused by the kind's JSON Schema as a PUT body would be
    item(doc, "partners", "dpid", 9001).put("timeoutMS", 60);
    // a merge rule that sees nothing, and a segment naming a merge rule that does not exist
    doc.getJsonArray("mergeRules")
        .add(
            new JsonObject()
                .put("id", 2)
                .put("name", "Nothing")
                .put("authenticated", "none")
                .put("devices", "none"));
    doc.getJsonArray("segments")
        .add(
            new JsonObject()
                .put("id", 5201)
                .put("name", "Unknown rule")
                .put("rule", "1001T")
                .put("mergeRule", 77));

    HttpResponse<Buffer> r = admin(portA, HttpMethod.POST, "/admin/import", doc.encode());
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("error")).contains("nothing was changed");
    JsonArray errors = body.getJsonArray("errors");
    assertThat(error(errors, "traits", 1100).getString("message")).startsWith("rule");
    assertThat(error(errors, "segments", 5200).getString("message")).contains("4242");
    assertThat(error(errors, "partners", 9050).getString("message")).startsWith("timeoutMs");
    assertThat(error(errors, "partners", 9001).getString("message"))
        .startsWith("timeoutMS: unknown field");
    assertThat(error(errors, "traits", 1100).getInteger("index")).isEqualTo(3);
    assertThat(error(errors, "mergeRules", 2).getString("message")).startsWith("devices: ");
    assertThat(error(errors, "segments", 5201).getString("message"))
        .startsWith("mergeRule: ")
        .contains("77");
    assertThat(admin(portA, HttpMethod.GET, "/admin/export", null).bodyAsString())
        .isEqualTo(exportA);
  }

  @Test
  void aDryRunShouldAnswerTheDifferenceAndChangeNothing() {
    JsonObject doc = new JsonObject(exportA);
    doc.getJsonArray("traits")
        .add(
            new JsonObject()
                .put("sid", 1300)
                .put("name", "Caps")
                .put("rule", "c_category == \"caps\""));
    item(doc, "destinations", "id", 7001).put("name", "Ad server cookie, renamed");
    JsonArray segments = new JsonArray();
    doc.getJsonArray("segments").stream()
        .map(JsonObject.class::cast)
        .filter(s -> s.getInteger("id") != 5005)
        .forEach(segments::add);
    doc.put("segments", segments);

    HttpResponse<Buffer> r =
        admin(portA, HttpMethod.POST, "/admin/import?dryRun=true", doc.encode());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getBoolean("dryRun")).isTrue();
    assertThat(body.getBoolean("applied")).isFalse();
    JsonObject changes = body.getJsonObject("changes");
    assertThat(changes.getJsonObject("traits").getJsonArray("added")).containsExactly(1300);
    assertThat(changes.getJsonObject("segments").getJsonArray("removed")).containsExactly(5005);
    assertThat(changes.getJsonObject("destinations").getJsonArray("changed")).containsExactly(7001);
    assertThat(changes.getJsonObject("partners").getJsonArray("changed")).isEmpty();
    assertThat(admin(portA, HttpMethod.GET, "/admin/export", null).bodyAsString())
        .isEqualTo(exportA);

    // without prune, what the document leaves out stays
    HttpResponse<Buffer> upsert =
        admin(portA, HttpMethod.POST, "/admin/import?dryRun=true&prune=false", doc.encode());
    JsonObject kept = upsert.bodyAsJsonObject().getJsonObject("changes").getJsonObject("segments");
    assertThat(kept.getJsonArray("removed")).isEmpty();
  }

  @Test
  void aWriteTheDatabaseRefusesShouldRollBackEverythingTheImportWrote() throws Exception {
    String before = admin(adminPortB, HttpMethod.GET, "/admin/export", null).bodyAsString();
    JsonObject doc = new JsonObject(withSecrets(before));
    doc.getJsonArray("partners")
        .add(
            new JsonObject()
                .put("dpid", 9060)
                .put("name", "Written, then rolled back")
                .put("type", "eventbus")
                .put("timeoutMs", 60));
    doc.getJsonArray("traits")
        .add(
            new JsonObject().put("sid", 1400).put("name", "Rolled back").put("rule", "x == \"1\""));
    item(doc, "segments", "id", 5001).put("name", "Renamed, then rolled back");
    doc.getJsonArray("destinations")
        .add(
            new JsonObject()
                .put("id", 7777)
                .put("type", "url")
                .put("name", "Refused by the database")
                .put("url", "http://127.0.0.1:1/p?s=%ALIAS%")
                .put("mappings", new JsonArray()));
    sql(dataB, "ALTER TABLE rtdcs_destinations ADD CONSTRAINT refuse_7777 CHECK (k <> '7777')");
    try {
      HttpResponse<Buffer> r = admin(adminPortB, HttpMethod.POST, "/admin/import", doc.encode());
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
      assertThat(r.bodyAsJsonObject().getString("error")).contains("rolled back");
    } finally {
      sql(dataB, "ALTER TABLE rtdcs_destinations DROP CONSTRAINT refuse_7777");
    }
    assertThat(admin(adminPortB, HttpMethod.GET, "/admin/export", null).bodyAsString())
        .isEqualTo(before);
    assertThat(rows(dataB, "rtdcs_traits", "1400")).isZero();
    assertThat(rows(dataB, "rtdcs_partners", "9060")).isZero();
  }

  @Test
  void mergeRulesShouldBeCappedKeptByOlderDocumentsAndNotPrunedWhileNamed() {
    JsonObject doc = new JsonObject(exportA);
    // beyond segment.maxMergeRules (4 by default): refused as a whole kind
    for (int id = 2; id <= 4; id++) {
      doc.getJsonArray("mergeRules")
          .add(
              new JsonObject()
                  .put("id", id)
                  .put("name", "Rule " + id)
                  .put("authenticated", "current")
                  .put("devices", "this"));
    }
    HttpResponse<Buffer> capped =
        admin(portA, HttpMethod.POST, "/admin/import?dryRun=true", doc.encode());
    assertThat(capped.statusCode()).isEqualTo(400);
    assertThat(
            error(capped.bodyAsJsonObject().getJsonArray("errors"), "mergeRules", null)
                .getString("message"))
        .contains("at most 4");

    // a document from before merge rules: the stored ones stay, nothing is pruned
    JsonObject older = new JsonObject(exportA);
    older.remove("mergeRules");
    HttpResponse<Buffer> kept = admin(portA, HttpMethod.POST, "/admin/import", older.encode());
    assertThat(kept.statusCode()).as(kept.bodyAsString()).isEqualTo(200);
    assertThat(kept.bodyAsJsonObject().getJsonObject("changes").containsKey("mergeRules"))
        .isFalse();

    // pruning rule 1 while segment 5100 names it
    JsonObject dropped = new JsonObject(exportA);
    JsonArray onlyZero = new JsonArray();
    onlyZero.add(item(dropped, "mergeRules", "id", 0));
    dropped.put("mergeRules", onlyZero);
    HttpResponse<Buffer> named = admin(portA, HttpMethod.POST, "/admin/import", dropped.encode());
    assertThat(named.statusCode()).isEqualTo(400);
    assertThat(
            error(named.bodyAsJsonObject().getJsonArray("errors"), "segments", 5100)
                .getString("message"))
        .startsWith("mergeRule: ");
    assertThat(admin(portA, HttpMethod.GET, "/admin/export", null).bodyAsString())
        .isEqualTo(exportA);
  }

  @Test
  void aSecondImportWhileOneRunsShouldBeRefused() {
    // what a running import holds (ImportLease), taken here as another node would
    AsyncMap<String, String> leases =
        nodeA.vertx().sharedData().<String, String>getAsyncMap("rtdcs.admin").await();
    assertThat(leases.putIfAbsent("import", "another-node", 60_000).await()).isNull();
    try {
      HttpResponse<Buffer> r = admin(portA, HttpMethod.POST, "/admin/import", exportA);
      assertThat(r.statusCode()).isEqualTo(409);
      // a dry run changes nothing and is not held up
      assertThat(admin(portA, HttpMethod.POST, "/admin/import?dryRun=true", exportA).statusCode())
          .isEqualTo(200);
    } finally {
      leases.remove("import").await();
    }
    assertThat(admin(portA, HttpMethod.POST, "/admin/import", exportA).statusCode()).isEqualTo(200);
  }

  @Test
  void aDocumentOfAnotherShapeShouldBeRefusedWithTheFieldNamed() {
    JsonObject doc = new JsonObject(exportA);
    assertThat(post(doc.copy().put("format", "rtdcs-definitions/9"))).contains("format");
    assertThat(post(doc.copy().put("partner", new JsonArray()))).contains("partner: unknown");
    JsonObject noTraits = doc.copy();
    noTraits.remove("traits");
    assertThat(post(noTraits)).contains("traits: required");
    assertThat(admin(portA, HttpMethod.POST, "/admin/import?dryRun=yes", exportA).statusCode())
        .isEqualTo(400);
    assertThat(
            web.post(portA, "127.0.0.1", "/admin/import")
                .sendBuffer(Buffer.buffer(exportA))
                .await()
                .statusCode())
        .isEqualTo(401);
  }

  private static String post(JsonObject doc) {
    HttpResponse<Buffer> r = admin(portA, HttpMethod.POST, "/admin/import", doc.encode());
    assertThat(r.statusCode()).isEqualTo(400);
    return r.bodyAsJsonObject().getString("error");
  }

  /** An /event with c_category reaches partner 9050, signed with its key over the body. */
  private static void assertSigned(int port) throws InterruptedException {
    stubCalls.clear();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (stubCalls.isEmpty() && System.nanoTime() < deadline) {
      web.get(port, "127.0.0.1", "/event?d_rtbd=json&c_category=hats").send().await();
      Thread.sleep(100);
    }
    assertThat(stubCalls).isNotEmpty();
    JsonObject call = stubCalls.get(0);
    assertThat(call.getString("signature"))
        .isEqualTo(new HmacSigner("HmacSHA256", PARTNER_KEY).sign(call.getString("body")));
  }

  private static String withSecrets(String export) {
    JsonObject doc = new JsonObject(export);
    for (Object o : doc.getJsonArray("partners")) {
      JsonObject signing = ((JsonObject) o).getJsonObject("signing");
      if (signing != null) {
        signing.put("key", PARTNER_KEY);
      }
    }
    for (Object o : doc.getJsonArray("destinations")) {
      JsonObject signing = ((JsonObject) o).getJsonObject("signing");
      if (signing != null) {
        signing.put("key", DESTINATION_KEY);
      }
    }
    return doc.encode();
  }

  private static List<Integer> ids(JsonObject doc, String kind, String idField) {
    return doc.getJsonArray(kind).stream().map(o -> ((JsonObject) o).getInteger(idField)).toList();
  }

  private static JsonObject item(JsonObject doc, String kind, String idField, int id) {
    return doc.getJsonArray(kind).stream()
        .map(JsonObject.class::cast)
        .filter(o -> o.getInteger(idField) == id)
        .findFirst()
        .orElseThrow();
  }

  /** The error of {@code kind}'s item {@code id}; a null id: the error of the whole kind. */
  private static JsonObject error(JsonArray errors, String kind, Integer id) {
    return errors.stream()
        .map(JsonObject.class::cast)
        .filter(
            e ->
                kind.equals(e.getString("kind"))
                    && java.util.Objects.equals(id, e.getInteger("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no error for " + kind + " " + id + " in " + errors));
  }

  private static void ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private static HttpResponse<Buffer> admin(int port, HttpMethod method, String uri, Object body) {
    var request =
        web.request(method, port, "127.0.0.1", uri)
            .bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN);
    if (body == null) {
      return request.send().await();
    }
    return request
        .sendBuffer(
            body instanceof JsonObject json ? json.toBuffer() : Buffer.buffer((String) body))
        .await();
  }

  private static Connection db(Path dir) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dir.resolve("rtdcs") + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE",
        "rtdcs",
        "");
  }

  private static void sql(Path dir, String statement) throws SQLException {
    try (Connection c = db(dir);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static int rows(Path dir, String table, String key) throws SQLException {
    try (Connection c = db(dir);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE k = '" + key + "'")) {
      r.next();
      return r.getInt(1);
    }
  }
}
