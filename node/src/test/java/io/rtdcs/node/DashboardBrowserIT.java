package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser (headless Debian chromium through chromedriver) against a real
 * node (demo config and demo partner) under a steady trickle of {@code /event} calls: after the
 * admin token is entered, the charts draw live data (events per second above zero, partner latency
 * lines, outcome bars, segment bars), the member card lists the verticles and the breaker is
 * closed. Runs with {@code -Pbrowser} where {@code /usr/bin/chromium} and {@code
 * /usr/bin/chromedriver} exist; skipped otherwise. Leaves a screenshot in target/dashboard.png.
 */
@Timeout(180)
@EnabledIf(
    value = "io.rtdcs.node.HeadlessChromium#browserTestsEnabled",
    disabledReason = HeadlessChromium.DISABLED_REASON)
class DashboardBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static RtdcsNode node;
  private static Vertx vertx;
  private static WebClient web;
  private static int httpPort;
  private static long trickle;

  @BeforeAll
  static void startNodeUnderLoad() {
    httpPort = TestPorts.free();
    JsonObject conf =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(3), httpPort, TestPorts.free());
    conf.getJsonObject("dcs").put("budgetMs", 3000).put("storeReserveMs", 1000);
    node = RtdcsNode.start(new NodeOptions(TestStore.memory(conf)), Clock.systemUTC()).await();
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
    // about 20 events per second, each a new visitor with the shoe signal
    trickle =
        vertx.setPeriodic(
            50, id -> web.get(httpPort, "127.0.0.1", "/event?d_rtbd=json&c_category=shoes").send());
  }

  @AfterAll
  static void stopAll() {
    if (vertx != null) {
      vertx.cancelTimer(trickle);
      web.close();
      vertx.close().await();
    }
    if (node != null) {
      node.stop().await();
    }
  }

  @Test
  void chartsShouldDrawLiveDataOnceTheAdminTokenIsGiven() throws IOException {
    WebDriver browser = browser();
    try {
      browser.get("http://127.0.0.1:" + httpPort + "/dashboard");
      await().atMost(WAIT).until(() -> browser.findElement(By.id("login")).isDisplayed());
      assertThat(attribute(browser, "status", "data-state")).isEqualTo("login");

      browser.findElement(By.id("token")).sendKeys(TestConfigs.ADMIN_TOKEN);
      browser.findElement(By.id("login-button")).click();

      await().atMost(WAIT).until(() -> "live".equals(attribute(browser, "status", "data-state")));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(number(browser, "events-chart", "data-max")).isGreaterThan(0);
                assertThat(number(browser, "partner-latency-chart", "data-points"))
                    .isGreaterThanOrEqualTo(4);
                assertThat(number(browser, "partner-outcomes-chart", "data-bars")).isGreaterThan(0);
                assertThat(number(browser, "segments-chart", "data-bars")).isGreaterThan(0);
              });
      // the canvases really have ink on them, beyond the axes
      assertThat(inkedPixels(browser, "events-chart")).isGreaterThan(500);
      assertThat(inkedPixels(browser, "partner-outcomes-chart")).isGreaterThan(500);

      List<WebElement> members = browser.findElements(By.cssSelector("#members .member"));
      assertThat(members).hasSize(1);
      assertThat(members.get(0).getText()).contains("this node", "dcs", "partner", "segment");
      WebElement breaker = browser.findElement(By.cssSelector("#breakers .breaker"));
      assertThat(breaker.getDomAttribute("data-dpid")).isEqualTo("9001");
      assertThat(breaker.getDomAttribute("data-state")).isEqualTo("closed");

      Path shot = Path.of("target", "dashboard.png");
      Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
  }

  @Test
  void wrongTokenShouldBeAskedAgainAndShowNoData() throws IOException {
    WebDriver browser = browser();
    try {
      browser.get("http://127.0.0.1:" + httpPort + "/dashboard");
      await().atMost(WAIT).until(() -> browser.findElement(By.id("login")).isDisplayed());
      browser.findElement(By.id("token")).sendKeys("not-the-token");
      browser.findElement(By.id("login-button")).click();
      await()
          .atMost(WAIT)
          .until(() -> "wrong token".equals(browser.findElement(By.id("status")).getText()));
      assertThat(browser.findElements(By.cssSelector("#members .member"))).isEmpty();
      assertThat(((JavascriptExecutor) browser).executeScript("return window.rtdcsDashboard.polls"))
          .isEqualTo(0L);
    } finally {
      browser.quit();
    }
  }

  private static long inkedPixels(WebDriver browser, String id) {
    Object n =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const c = document.getElementById(arguments[0]);"
                    + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;"
                    + "return n;",
                id);
    return ((Number) n).longValue();
  }

  private static double number(WebDriver browser, String id, String name) {
    String v = attribute(browser, id, name);
    return v == null ? -1 : Double.parseDouble(v);
  }

  private static String attribute(WebDriver browser, String id, String name) {
    return browser.findElement(By.id(id)).getDomAttribute(name);
  }

  private static WebDriver browser() throws IOException {
    return HeadlessChromium.start("--window-size=1280,1100");
  }
}
