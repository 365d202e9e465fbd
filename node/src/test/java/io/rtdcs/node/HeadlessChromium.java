package io.rtdcs.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by its chromium-driver, as the browser tests use it: headless, no
 * network of its own, a fresh profile folder per browser. {@code -Drtdcs.chromium} / {@code
 * -Drtdcs.chromedriver} point elsewhere.
 */
final class HeadlessChromium {
  static final String CHROMIUM = System.getProperty("rtdcs.chromium", "/usr/bin/chromium");
  static final String DRIVER = System.getProperty("rtdcs.chromedriver", "/usr/bin/chromedriver");

  private HeadlessChromium() {}

  static boolean installed() {
    return new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
  }

  /** The browser tests run with -Pbrowser (or -Drtdcs.browser=true) where both are installed. */
  static boolean browserTestsEnabled() {
    return Boolean.getBoolean("rtdcs.browser") && installed();
  }

  static final String DISABLED_REASON =
      "browser tests run with -Pbrowser (or -Drtdcs.browser=true) where /usr/bin/chromium and"
          + " /usr/bin/chromedriver are installed (apt-get install chromium chromium-driver)";

  static WebDriver start(String... extraArguments) throws IOException {
    Path profile = Files.createTempDirectory("rtdcs-chromium-");
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-quic",
                "--disable-sync",
                "--user-data-dir=" + profile));
    arguments.addAll(List.of(extraArguments));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(arguments);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }
}
