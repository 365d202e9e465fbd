package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;

/**
 * The site code in a real browser (headless Debian chromium through chromedriver): the demo page of
 * examples/site, served from its own origin, loads {@code /rtdcs.js} from a real node (demo config,
 * demo partner 9001 whose sync redirects back to {@code /ibs}) and a stub partner 9002 whose sync
 * never returns. Runs with {@code -Pbrowser} (or {@code -Drtdcs.browser=true}) where {@code
 * /usr/bin/chromium} and {@code /usr/bin/chromedriver} exist; skipped otherwise.
 */
@Timeout(180)
@EnabledIf(
    value = "io.rtdcs.node.HeadlessChromium#browserTestsEnabled",
    disabledReason = HeadlessChromium.DISABLED_REASON)
class SiteBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static RtdcsNode node;
  private static Vertx vertx;
  private static WebClient web;
  private static int httpPort;
  private static int demoPort;
  private static int sitePort;
  private static int otherSitePort;
  private static int stubPort;
  private static final List<Map<String, String>> stubSyncs = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startNodeSiteAndStubPartner() {
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
    stubPort = startStubPartner();
    sitePort = startSite();
    otherSitePort = startSite();

    httpPort = TestPorts.free();
    demoPort = TestPorts.free();
    JsonObject conf =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(3), httpPort, demoPort);
    // functional, not timing: a cold JVM on a busy machine gets room
    conf.getJsonObject("dcs")
        .put("budgetMs", 3000)
        .put("storeReserveMs", 1000)
        .put(
            "cors",
            new JsonObject().put("origins", new JsonArray().add("http://127.0.0.1:" + sitePort)))
        // the JSONP page is on the same origin; any other origin gets plain JSON
        .put(
            "jsonp",
            new JsonObject().put("origins", new JsonArray().add("http://127.0.0.1:" + sitePort)));
    JsonArray partners = conf.getJsonObject("definitions").getJsonArray("partners");
    partners.getJsonObject(0).put("timeoutMs", 1500);
    partners.add(
        partners
            .getJsonObject(0)
            .copy()
            .put("dpid", 9002)
            .put("name", "Stub partner whose sync never returns")
            .put("url", "http://127.0.0.1:" + stubPort + "/lookup")
            .put(
                "sync",
                new JsonObject()
                    .put(
                        "url",
                        "http://127.0.0.1:"
                            + stubPort
                            + "/sync?uid=%DID%&t=%TIMESTAMP%&proto=%HTTP_PROTO%")
                    .put("ttlMinutes", 60)
                    .put("redirectHosts", new JsonArray())));
    node = RtdcsNode.start(new NodeOptions(TestStore.memory(conf)), Clock.systemUTC()).await();
  }

  @AfterAll
  static void stopAll() {
    if (node != null) {
      node.stop().await();
    }
    if (vertx != null) {
      web.close();
      vertx.close().await();
    }
  }

  @Test
  void demoPageShouldGetSegmentsWriteTheCookieAndSyncOncePerTtl() throws IOException {
    long demoSyncsBefore = demoPartnerState().getLong("syncs");
    WebDriver browser = browser();
    try {
      browser.get(pageUrl(sitePort, ""));
      awaitStatus(browser, "done");
      awaitAttribute(browser, "syncs", "data-fired");

      String uuid = text(browser, "uuid");
      assertThat(uuid).matches("\\d{38}");
      // segments on the page: 5001 from the page's signal, 5003 from the demo partner
      assertThat(attribute(browser, "segments", "data-ids").split(",")).contains("5001", "5003");
      // the node received the page's signal (trait 1001 is c_category == "shoes") and passed it
      // to the partner (2004 is its shoes-buyer answer)
      JsonObject profile = profile(uuid);
      assertThat(
              profile.getJsonArray("traits").stream().map(t -> ((JsonObject) t).getInteger("sid")))
          .contains(1001, 2004);
      // the cookie destination, first-party on the page's host; the visitor cookie travelled
      Cookie tnt = browser.manage().getCookieNamed("aam_tnt");
      assertThat(tnt).isNotNull();
      assertThat(tnt.getValue()).isEqualTo("segs=shoe_shoppers,partner_audience");
      assertThat(tnt.getDomain()).isEqualTo("127.0.0.1");
      assertThat(tnt.getExpiry()).isAfter(new Date(System.currentTimeMillis() + 29 * 86_400_000L));
      assertThat(browser.manage().getCookieNamed("aam_uuid").getValue()).isEqualTo(uuid);
      assertThat(browser.manage().getCookieNamed("demdex").getValue()).isEqualTo(uuid);

      // both ID syncs fired from the iframe, macros replaced
      assertThat(attribute(browser, "syncs", "data-fired").split(",")).contains("9001", "9002");
      JsonObject demo = demoPartnerState();
      assertThat(demo.getLong("syncs")).isEqualTo(demoSyncsBefore + 1);
      assertThat(stubSyncsOf(uuid)).hasSize(1);
      Map<String, String> sync = stubSyncsOf(uuid).get(0);
      assertThat(sync.get("uid")).isEqualTo(uuid);
      assertThat(Long.parseLong(sync.get("t")))
          .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
      assertThat(sync.get("proto")).isEqualTo("http");
      // the demo partner's redirect back to /ibs mapped its id to this visitor
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(profile(uuid).getJsonObject("syncedIds").getString("9001"))
                      .isEqualTo("demo-" + Integer.toHexString(uuid.hashCode())));

      // second page view: same visitor; 9002's sync (the node still asks for it) is within its
      // TTL in the iframe's memory and is not fired again; 9001 is no longer asked for
      browser.get(pageUrl(sitePort, "&view=2"));
      awaitStatus(browser, "done");
      awaitAttribute(browser, "syncs", "data-skipped");
      assertThat(text(browser, "uuid")).isEqualTo(uuid);
      assertThat(attribute(browser, "segments", "data-ids").split(","))
          .contains("5001", "5002", "5003");
      assertThat(attribute(browser, "syncs", "data-skipped")).isEqualTo("9002");
      assertThat(attribute(browser, "syncs", "data-fired")).isEmpty();
      assertThat(stubSyncsOf(uuid)).hasSize(1);
      assertThat(demoPartnerState().getLong("syncs")).isEqualTo(demoSyncsBefore + 1);
      assertThat(browser.manage().getCookieNamed("aam_tnt").getValue())
          .isEqualTo("segs=shoe_shoppers,repeat_shoe,partner_audience");
    } finally {
      browser.quit();
    }
  }

  @Test
  void pageOnAnOriginOutsideTheCorsListShouldGetNoData() throws IOException {
    long lookups = demoPartnerState().getLong("requests");
    WebDriver browser = browser();
    try {
      browser.get(pageUrl(otherSitePort, ""));
      awaitStatus(browser, "error");

      assertThat(text(browser, "segments")).isEmpty();
      assertThat(text(browser, "uuid")).isEmpty();
      assertThat(browser.manage().getCookieNamed("aam_tnt")).isNull();
      assertThat(browser.manage().getCookieNamed("aam_uuid")).isNull();
      // the node refused the call (403): no partner was asked for this page
      assertThat(demoPartnerState().getLong("requests")).isEqualTo(lookups);
    } finally {
      browser.quit();
    }
  }

  @Test
  void pageConfiguredForJsonpShouldGetSegmentsWithoutCorsAndDeclareItsLogin() throws IOException {
    WebDriver browser = browser();
    try {
      browser.get(pageUrl(sitePort, "&jsonp=1&login=crm%2042"));
      awaitStatus(browser, "done");

      String uuid = text(browser, "uuid");
      assertThat(uuid).matches("\\d{38}");
      assertThat(profile(uuid).getJsonArray("declaredIds"))
          .contains(
              // not signed: kept on the device, naming no one (docs/privacy.md)
              new JsonObject()
                  .put("dpid", 9100)
                  .put("dpuuid", "crm 42")
                  .put("auth", 1)
                  .put("proven", false));
      assertThat(attribute(browser, "segments", "data-ids").split(",")).contains("5001", "5003");
      assertThat(browser.manage().getCookieNamed("aam_tnt").getValue())
          .isEqualTo("segs=shoe_shoppers,partner_audience");
    } finally {
      browser.quit();
    }
  }

  @Test
  void aPageOutsideTheOriginListShouldNotMakeTheDestinationIframeFire() throws IOException {
    WebDriver browser = browser();
    try {
      // a foreign page frames /dest.html and asks it to fire a sync: the browser refuses the frame
      // (frame-ancestors) and the iframe would ignore the message anyway
      browser.get(framePageUrl(otherSitePort, "foreign-page"));
      // the same page on a listed origin does fire (so the attack above was a real one)
      browser.get(framePageUrl(sitePort, "listed-page"));
      await().atMost(WAIT).until(() -> !stubSyncsOf("listed-page").isEmpty());
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(3))
          .until(() -> stubSyncsOf("foreign-page").isEmpty());
    } finally {
      browser.quit();
    }
    HttpResponse<Buffer> dest = web.get(httpPort, "127.0.0.1", "/dest.html").send().await();
    assertThat(dest.getHeader("Content-Security-Policy"))
        .isEqualTo("frame-ancestors 'self' http://127.0.0.1:" + sitePort);
  }

  private String framePageUrl(int port, String uid) {
    return "http://127.0.0.1:"
        + port
        + "/frame-dest.html?dcs=http://127.0.0.1:"
        + httpPort
        + "&uid="
        + uid;
  }

  private static List<Map<String, String>> stubSyncsOf(String uuid) {
    return stubSyncs.stream().filter(q -> uuid.equals(q.get("uid"))).toList();
  }

  private static String pageUrl(int port, String extra) {
    return "http://127.0.0.1:" + port + "/index.html?dcs=http://127.0.0.1:" + httpPort + extra;
  }

  private static WebDriver browser() throws IOException {
    return HeadlessChromium.start();
  }

  private static void awaitStatus(WebDriver browser, String state) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(attribute(browser, "status", "data-state"))
                    .as("page status: %s", text(browser, "status"))
                    .isEqualTo(state));
  }

  private static void awaitAttribute(WebDriver browser, String id, String name) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(attribute(browser, id, name)).isNotNull());
  }

  private static String attribute(WebDriver browser, String id, String name) {
    return browser.findElement(By.id(id)).getDomAttribute(name);
  }

  private static String text(WebDriver browser, String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static JsonObject profile(String uuid) {
    HttpResponse<Buffer> r =
        web.get(httpPort, "127.0.0.1", "/profiles/" + uuid)
            .bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN)
            .send()
            .await();
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static JsonObject demoPartnerState() {
    return web.get(demoPort, "127.0.0.1", "/control").send().await().bodyAsJsonObject();
  }

  /** The demo page's files from examples/site, on a port of its own (another origin). */
  private static int startSite() {
    String dir = new File(System.getProperty("rtdcs.site", "../examples/site")).getAbsolutePath();
    Router router = Router.router(vertx);
    // a page that frames the node's /dest.html and asks it to fire partner 9002's sync for ?uid
    router
        .get("/frame-dest.html")
        .handler(
            ctx -> {
              String dcs = ctx.queryParams().get("dcs");
              String uid = ctx.queryParams().get("uid");
              String sync = "http://127.0.0.1:" + stubPort + "/sync?uid=" + uid;
              ctx.response()
                  .putHeader("Content-Type", "text/html; charset=utf-8")
                  .end(
                      "<!doctype html><html><body><iframe id=f src=\""
                          + dcs
                          + "/dest.html\"></iframe><script>var f = document.getElementById('f');"
                          + " f.onload = function () { f.contentWindow.postMessage({rtdcs: 'dest',"
                          + " seq: 1, uuid: '"
                          + uid
                          + "', ibs: [{id: '9002', url: ['"
                          + sync
                          + "'], ttl: 1}], dests: []}, '*'); };</script></body></html>");
            });
    router
        .route()
        .handler(StaticHandler.create(FileSystemAccess.ROOT, dir).setCachingEnabled(false));
    HttpServer server = vertx.createHttpServer().requestHandler(router);
    return server.listen(0, "127.0.0.1").await().actualPort();
  }

  /** Partner 9002: no lookup data (204); records each sync call and answers a pixel. */
  private static int startStubPartner() {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (req.path().equals("/sync")) {
                    Map<String, String> query = new ConcurrentHashMap<>();
                    req.params().forEach(e -> query.put(e.getKey(), e.getValue()));
                    stubSyncs.add(query);
                    req.response()
                        .putHeader("Content-Type", "image/gif")
                        .end(
                            Buffer.buffer(
                                java.util.Base64.getDecoder()
                                    .decode(
                                        "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")));
                  } else {
                    req.response().setStatusCode(204).end();
                  }
                });
    return server.listen(0, "127.0.0.1").await().actualPort();
  }
}
