package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.dcs.http.ApiDocument;
import io.rtdcs.dcs.http.DefinitionSchemas;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /openapi.json} kept true: a real node (demo config, admin listener) is called on every
 * operation the document lists, with good and bad input, and each answer is validated against the
 * document ({@link ApiContract}); the test fails when an operation of the document was not called.
 * The admin API refuses a misspelt field with its name and stores nothing.
 */
@Timeout(180)
class OpenApiConformanceTest {
  private static final String OTHER_UUID = "4".repeat(38);
  private static RtdcsNode node;
  private static Vertx client;
  private static WebClient web;
  private static ApiContract contract;
  private static int port;
  private static int adminPort;

  @BeforeAll
  static void startNode() {
    int demoPort = TestPorts.free();
    port = TestPorts.free();
    adminPort = TestPorts.free();
    JsonObject conf =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(2), port, demoPort);
    // functional, not timing: a cold JVM on a busy machine gets room
    conf.getJsonObject("dcs")
        .put("budgetMs", 3000)
        .put("storeReserveMs", 1000)
        .put("admin", new JsonObject().put("port", adminPort).put("host", "127.0.0.1"));
    conf.getJsonObject("definitions")
        .getJsonArray("partners")
        .getJsonObject(0)
        .put("timeoutMs", 1500);
    node = RtdcsNode.start(new NodeOptions(TestStore.memory(conf)), Clock.systemUTC()).await();
    client = Vertx.vertx();
    web = WebClient.create(client, new WebClientOptions().setFollowRedirects(false));
    contract = new ApiContract(client);
  }

  @AfterAll
  static void stopNode() {
    if (web != null) {
      web.close();
      client.close().await();
    }
    if (node != null) {
      node.stop().await();
    }
  }

  @Test
  void everyDocumentedOperationShouldAnswerAsDocumented() {
    // collection: JSON, pixel, JSONP, AAM errors, limits
    HttpResponse<Buffer> first = call(HttpMethod.GET, "/event?d_rtbd=json&c_category=shoes");
    String uuid = first.bodyAsJsonObject().getString("uuid");
    assertThat(first.bodyAsJsonObject().getJsonArray("segments")).contains(5001);
    assertThat(
            call(HttpMethod.GET, "/event?c_category=shoes&d_uuid=" + uuid)
                .getHeader("Content-Type"))
        .isEqualTo("image/gif");
    HttpResponse<Buffer> jsonp =
        send(
            HttpMethod.GET,
            "/event?d_rtbd=json&d_cb=page.cb&d_uuid=" + uuid,
            null,
            r -> r.putHeader("Referer", "http://127.0.0.1:8000/shop"));
    assertThat(jsonp.bodyAsString()).startsWith("/**/page.cb({");
    assertThat(call(HttpMethod.GET, "/event?d_rtbd=json&d_uuid=not-a-uuid").getHeader("X-Error"))
        .isEqualTo("102");
    assertThat(call(HttpMethod.GET, "/event?d_rtbd=json&c_x=" + "a".repeat(9000)).statusCode())
        .isEqualTo(414);
    HttpResponse<Buffer> posted =
        send(
            HttpMethod.POST,
            "/event",
            Buffer.buffer("d_rtbd=json&c_category=shoes&d_uuid=" + uuid),
            r -> r.putHeader("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(posted.bodyAsJsonObject().getString("uuid")).isEqualTo(uuid);
    assertThat(
            send(
                    HttpMethod.POST,
                    "/event",
                    Buffer.buffer("c_x=" + "a".repeat(40_000)),
                    r -> r.putHeader("Content-Type", "application/x-www-form-urlencoded"))
                .statusCode())
        .isEqualTo(413);
    assertThat(call(HttpMethod.GET, "/ibs?dpid=9001&dpuuid=p-1&d_uuid=" + uuid).statusCode())
        .isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/ibs?dpid=x&d_uuid=" + uuid).getHeader("X-Error"))
        .isEqualTo("300");
    HttpResponse<Buffer> redirect =
        call(
            HttpMethod.GET,
            "/ibs:dpid=9001&dpuuid=p-2&d_uuid="
                + uuid
                + "&redir=http%3A%2F%2F127.0.0.1%2Fback%3Fu%3D%24%7BDD_UUID%7D");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.getHeader("Location")).isEqualTo("http://127.0.0.1/back?u=" + uuid);
    assertThat(call(HttpMethod.GET, "/demoptout.jpg?d_uuid=" + OTHER_UUID).statusCode())
        .isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/demoptout.jpg").getHeader("X-Error")).isEqualTo("0");

    // site code, with its cache validation
    HttpResponse<Buffer> tag = call(HttpMethod.GET, "/rtdcs.js");
    assertThat(
            send(
                    HttpMethod.GET,
                    "/rtdcs.js",
                    null,
                    r -> r.putHeader("If-None-Match", tag.getHeader("ETag")))
                .statusCode())
        .isEqualTo(304);
    call(HttpMethod.HEAD, "/rtdcs.js");
    call(HttpMethod.GET, "/dest.html");
    call(HttpMethod.HEAD, "/dest.html");

    // operations, on both listeners where documented so
    call(HttpMethod.GET, "/health/live");
    call(HttpMethod.GET, "/health/ready");
    call(HttpMethod.GET, "/metrics");
    HttpResponse<Buffer> served = call(HttpMethod.GET, "/openapi.json");
    assertThat(served.bodyAsJsonObject()).isEqualTo(ApiDocument.json());
    assertThat(get(port, "/openapi.json").statusCode()).as("admin listener only").isEqualTo(404);
    assertThat(get(adminPort, "/health/ready").bodyAsJsonObject().getJsonArray("checks"))
        .isNotEmpty();
    call(HttpMethod.GET, "/dashboard");
    call(HttpMethod.GET, "/dashboard/dashboard.js");
    call(HttpMethod.GET, "/dashboard/dashboard.css");
    assertThat(call(HttpMethod.GET, "/dashboard/data").statusCode()).isEqualTo(401);
    admin(HttpMethod.GET, "/dashboard/data", null);

    // definitions: every kind listed, read and written back as read
    for (String item :
        new String[] {
          "/admin/partners/9001",
          "/admin/traits/1001",
          "/admin/segments/5001",
          "/admin/destinations/7001"
        }) {
      String kind = item.substring(0, item.lastIndexOf('/'));
      assertThat(admin(HttpMethod.GET, kind, null).bodyAsJsonObject().getJsonArray("items"))
          .isNotEmpty();
      HttpResponse<Buffer> read = admin(HttpMethod.GET, item, null);
      HttpResponse<Buffer> written = admin(HttpMethod.PUT, item, read.body());
      assertThat(written.statusCode()).as(item).isEqualTo(200);
      assertThat(written.bodyAsJsonObject()).isEqualTo(read.bodyAsJsonObject());
    }
    assertThat(call(HttpMethod.GET, "/admin/traits/1001").statusCode()).isEqualTo(401);
    assertThat(admin(HttpMethod.GET, "/admin/things", null).statusCode()).isEqualTo(404);
    assertThat(admin(HttpMethod.GET, "/admin/traits/abc", null).statusCode()).isEqualTo(400);
    assertThat(admin(HttpMethod.PUT, "/admin/traits/1009", Buffer.buffer("not json")).statusCode())
        .isEqualTo(400);
    JsonObject trait =
        new JsonObject()
            .put("name", "Hats")
            .put("type", "rule")
            .put("rule", "c_category == \"hats\"");
    assertThat(admin(HttpMethod.PUT, "/admin/traits/1009", trait.toBuffer()).statusCode())
        .isEqualTo(200);
    JsonObject dangling = new JsonObject().put("name", "Dangling").put("rule", "1009T AND 424242T");
    assertThat(admin(HttpMethod.PUT, "/admin/segments/5009", dangling.toBuffer()).statusCode())
        .isEqualTo(409);
    assertThat(admin(HttpMethod.DELETE, "/admin/traits/1001", null).statusCode())
        .as("used by segments")
        .isEqualTo(409);
    assertThat(admin(HttpMethod.DELETE, "/admin/traits/1009", null).statusCode()).isEqualTo(200);
    assertThat(admin(HttpMethod.DELETE, "/admin/traits/1009", null).statusCode()).isEqualTo(404);

    // merge rules: ids from 0, the cap, a rule a segment names
    JsonObject rule =
        new JsonObject()
            .put("name", "Every device of the person")
            .put("authenticated", "all")
            .put("devices", "linked");
    assertThat(admin(HttpMethod.GET, "/admin/merge-rules/0", null).statusCode())
        .as("the built-in default is not stored")
        .isEqualTo(404);
    assertThat(admin(HttpMethod.PUT, "/admin/merge-rules/0", rule.toBuffer()).statusCode())
        .isEqualTo(200);
    assertThat(admin(HttpMethod.PUT, "/admin/merge-rules/1", rule.toBuffer()).statusCode())
        .isEqualTo(200);
    JsonObject demoRule = // demo.json's, named by its segment 5007
        new JsonObject()
            .put("id", 3)
            .put("name", "This device only")
            .put("authenticated", "none")
            .put("devices", "this");
    assertThat(admin(HttpMethod.GET, "/admin/merge-rules", null).bodyAsJsonObject())
        .isEqualTo(
            new JsonObject()
                .put(
                    "items",
                    new JsonArray()
                        .add(rule.copy().put("id", 0))
                        .add(rule.copy().put("id", 1))
                        .add(demoRule)));
    assertThat(admin(HttpMethod.DELETE, "/admin/segments/5007", null).statusCode()).isEqualTo(200);
    assertThat(admin(HttpMethod.GET, "/admin/merge-rules/1", null).bodyAsJsonObject())
        .isEqualTo(rule.copy().put("id", 1));
    for (int id = 2; id <= 3; id++) {
      assertThat(admin(HttpMethod.PUT, "/admin/merge-rules/" + id, rule.toBuffer()).statusCode())
          .isEqualTo(200);
    }
    assertThat(admin(HttpMethod.PUT, "/admin/merge-rules/4", rule.toBuffer()).statusCode())
        .as("beyond segment.maxMergeRules")
        .isEqualTo(409);
    assertThat(
            admin(
                    HttpMethod.PUT,
                    "/admin/merge-rules/4",
                    rule.copy().put("devices", "all").toBuffer())
                .statusCode())
        .isEqualTo(400);
    assertThat(admin(HttpMethod.GET, "/admin/merge-rules/-1", null).statusCode()).isEqualTo(400);
    JsonObject personal =
        new JsonObject().put("name", "Shoes, any device").put("rule", "1001T").put("mergeRule", 1);
    assertThat(admin(HttpMethod.PUT, "/admin/segments/5010", personal.toBuffer()).statusCode())
        .isEqualTo(200);
    assertThat(admin(HttpMethod.DELETE, "/admin/merge-rules/1", null).statusCode())
        .as("named by segment 5010")
        .isEqualTo(409);
    assertThat(
            admin(HttpMethod.PUT, "/admin/segments/5011", personal.put("mergeRule", 9).toBuffer())
                .statusCode())
        .isEqualTo(409);
    assertThat(admin(HttpMethod.DELETE, "/admin/segments/5010", null).statusCode()).isEqualTo(200);
    for (int id = 0; id <= 3; id++) {
      assertThat(admin(HttpMethod.DELETE, "/admin/merge-rules/" + id, null).statusCode())
          .isEqualTo(200);
    }
    assertThat(admin(HttpMethod.DELETE, "/admin/merge-rules/1", null).statusCode()).isEqualTo(404);

    // definitions as code: export, import it back (dry run, then for real), a refused document
    HttpResponse<Buffer> exported = admin(HttpMethod.GET, "/admin/export", null);
    assertThat(exported.statusCode()).isEqualTo(200);
    assertThat(admin(HttpMethod.POST, "/admin/import?dryRun=true", exported.body()).statusCode())
        .isEqualTo(200);
    assertThat(admin(HttpMethod.POST, "/admin/import", exported.body()).statusCode())
        .isEqualTo(200);
    assertThat(admin(HttpMethod.POST, "/admin/import", Buffer.buffer("{}")).statusCode())
        .isEqualTo(400);
    assertThat(call(HttpMethod.GET, "/admin/export").statusCode()).isEqualTo(401);

    // data-subject requests
    HttpResponse<Buffer> profile = admin(HttpMethod.GET, "/profiles/" + uuid, null);
    assertThat(profile.bodyAsJsonObject().getString("uuid")).isEqualTo(uuid);
    assertThat(admin(HttpMethod.GET, "/profiles/123", null).statusCode()).isEqualTo(400);
    assertThat(admin(HttpMethod.GET, "/profiles/" + "5".repeat(38), null).statusCode())
        .isEqualTo(404);
    String person = "crm-openapi";
    assertThat(
            call(
                    HttpMethod.GET,
                    "/event?d_rtbd=json&c_category=shoes&d_cid=20915%01"
                        + person
                        + "%011&"
                        + TestConfigs.sig(20915, person))
                .statusCode())
        .isEqualTo(200);
    HttpResponse<Buffer> byId =
        admin(HttpMethod.GET, "/profiles/by-declared-id/20915/" + person, null);
    assertThat(byId.statusCode()).isEqualTo(200);
    assertThat(byId.bodyAsJsonObject().getString("person")).isEqualTo("20915:" + person);
    assertThat(admin(HttpMethod.GET, "/profiles/by-declared-id/20915/nobody", null).statusCode())
        .isEqualTo(404);
    assertThat(admin(HttpMethod.GET, "/profiles/by-declared-id/x/y", null).statusCode())
        .isEqualTo(400);
    assertThat(admin(HttpMethod.DELETE, "/profiles?dpid=20915&dpuuid=nobody", null).statusCode())
        .isEqualTo(200);
    assertThat(admin(HttpMethod.DELETE, "/profiles?dpid=x&dpuuid=y", null).statusCode())
        .isEqualTo(400);
    HttpResponse<Buffer> deleted = admin(HttpMethod.DELETE, "/profiles/" + uuid, null);
    assertThat(
            deleted
                .bodyAsJsonObject()
                .getJsonArray("deleted")
                .getJsonObject(0)
                .getBoolean("profile"))
        .isTrue();

    assertThat(contract.exercised().keySet())
        .as("operations of openapi.json that this test did not call")
        .containsAll(contract.operationIds());
  }

  @Test
  void misspeltDefinitionFieldShouldBeRefusedWithItsNameAndNothingStored() {
    JsonObject before = admin(HttpMethod.GET, "/admin/partners/9001", null).bodyAsJsonObject();
    JsonObject misspelt = before.copy();
    misspelt.remove("timeoutMs");
    misspelt.put("timeoutMS", 60);

    HttpResponse<Buffer> refused =
        admin(HttpMethod.PUT, "/admin/partners/9001", misspelt.toBuffer());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("error")).startsWith("timeoutMS: ");
    assertThat(admin(HttpMethod.GET, "/admin/partners/9001", null).bodyAsJsonObject())
        .isEqualTo(before);
  }

  @Test
  void demoDefinitionsShouldFitTheDocumentsSchemas() {
    DefinitionSchemas schemas = new DefinitionSchemas();
    JsonObject definitions = TestConfigs.demo().getJsonObject("definitions");
    for (String kind : definitions.fieldNames()) {
      JsonArray items = definitions.getJsonArray(kind);
      for (int i = 0; i < items.size(); i++) {
        assertThat(schemas.problem(kind, items.getJsonObject(i))).as(kind + "[" + i + "]").isNull();
      }
    }
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String uri) {
    return send(method, uri, null, r -> {});
  }

  private static HttpResponse<Buffer> admin(HttpMethod method, String uri, Buffer body) {
    return send(method, uri, body, r -> r.bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN));
  }

  /** Sends to the listener the document names, and validates the answer against it. */
  private static HttpResponse<Buffer> send(
      HttpMethod method,
      String uri,
      Buffer body,
      java.util.function.Consumer<HttpRequest<Buffer>> prepare) {
    int to = contract.onAdminListener(contract.template(method, uri)) ? adminPort : port;
    HttpRequest<Buffer> request = web.request(method, to, "127.0.0.1", uri);
    prepare.accept(request);
    HttpResponse<Buffer> response =
        (body == null ? request.send() : request.sendBuffer(body)).await();
    contract.check(method, uri, response);
    return response;
  }

  private static HttpResponse<Buffer> get(int to, String uri) {
    return web.get(to, "127.0.0.1", uri).send().await();
  }
}
