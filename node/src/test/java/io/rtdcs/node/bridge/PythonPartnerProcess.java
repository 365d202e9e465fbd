package io.rtdcs.node.bridge;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** examples/python-partner/partner.py as a real python3 process, its output in a temp file. */
public final class PythonPartnerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private PythonPartnerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The example partner script, found from the node module or the repository root. */
  public static Path script() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path base : List.of(cwd, cwd.getParent())) {
      Path p = base.resolve("examples/python-partner/partner.py");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("examples/python-partner/partner.py not found from " + cwd);
  }

  /** Skips the test where python3 is missing, except on CI (CI=true), where that is a failure. */
  public static void requirePython() {
    boolean present;
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      present = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("python3 is required on CI for the bridge partner tests");
    }
    Assumptions.assumeTrue(present, "python3 not found: bridge partner tests skipped");
  }

  public static PythonPartnerProcess start(int bridgePort, int dpid, String token)
      throws IOException {
    Path log = Files.createTempFile("python-partner-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                "python3",
                "-u",
                script().toString(),
                "--port",
                Integer.toString(bridgePort),
                "--dpid",
                Integer.toString(dpid),
                "--ping-interval",
                "1")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("RTDCS_PARTNER_TOKEN", token);
    return new PythonPartnerProcess(pb.start(), log);
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
