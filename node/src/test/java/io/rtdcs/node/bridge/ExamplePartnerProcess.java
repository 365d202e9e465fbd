package io.rtdcs.node.bridge;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An example partner (examples/python-partner/partner.py under python3, or
 * examples/node-partner/partner.js under node) as a real process, its output in a temp file.
 */
public final class ExamplePartnerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ExamplePartnerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** An example's script, found from the node module or the repository root. */
  public static Path script(String relative) {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path base : List.of(cwd, cwd.getParent())) {
      Path p = base.resolve(relative);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException(relative + " not found from " + cwd);
  }

  /** Skips the test where python3 is missing, except on CI (CI=true), where that is a failure. */
  public static void requirePython() {
    require("python3");
  }

  /** Skips the test where node is missing, except on CI (CI=true), where that is a failure. */
  public static void requireNode() {
    require("node");
  }

  private static void require(String program) {
    boolean present;
    try {
      Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
      present = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(program + " is required on CI for the bridge partner tests");
    }
    Assumptions.assumeTrue(present, program + " not found: this bridge partner test is skipped");
  }

  /** examples/python-partner/partner.py. */
  public static ExamplePartnerProcess python(int bridgePort, int dpid, String token)
      throws IOException {
    return start(
        List.of("python3", "-u", script("examples/python-partner/partner.py").toString()),
        bridgePort,
        dpid,
        token);
  }

  /** examples/node-partner/partner.js. */
  public static ExamplePartnerProcess node(int bridgePort, int dpid, String token)
      throws IOException {
    return start(
        List.of("node", script("examples/node-partner/partner.js").toString()),
        bridgePort,
        dpid,
        token);
  }

  private static ExamplePartnerProcess start(
      List<String> program, int bridgePort, int dpid, String token) throws IOException {
    Path log = Files.createTempFile("example-partner-", ".log");
    List<String> command = new java.util.ArrayList<>(program);
    command.addAll(
        List.of(
            "--port",
            Integer.toString(bridgePort),
            "--dpid",
            Integer.toString(dpid),
            "--ping-interval",
            "1"));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("RTDCS_PARTNER_TOKEN", token);
    return new ExamplePartnerProcess(pb.start(), log);
  }

  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Integer exitCode() {
    return process.isAlive() ? null : process.exitValue();
  }

  /** SIGTERM, then SIGKILL if it does not exit within 5 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    File f = log.toFile();
    f.deleteOnExit();
  }
}
