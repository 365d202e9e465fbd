package io.rtdcs.node;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One rtdcs node as its own JVM, started from the fat jar, for tests that must kill a node. */
final class NodeProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final java.util.concurrent.atomic.AtomicInteger STARTS =
      new java.util.concurrent.atomic.AtomicInteger();

  private final Process process;
  private final int httpPort;
  private final Path log;
  private final Path conf;
  private final Map<String, String> env;
  private final Path logDir;

  private NodeProcess(
      Process process, int httpPort, Path log, Path conf, Map<String, String> env, Path logDir) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
    this.conf = conf;
    this.env = env;
    this.logDir = logDir;
  }

  static Path jar() {
    String jar = System.getProperty("rtdcs.jar", "target/rtdcs.jar");
    Path p = Path.of(jar);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("fat jar missing at " + p.toAbsolutePath() + ": mvn package");
    }
    return p;
  }

  static NodeProcess start(Path conf, int httpPort, Map<String, String> env, Path logDir)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-jar");
    cmd.add(jar().toAbsolutePath().toString());
    cmd.add("-conf");
    cmd.add(conf.toAbsolutePath().toString());
    int start = STARTS.incrementAndGet();
    Path log = logDir.resolve("node-" + httpPort + (start > 1 ? "-" + start : "") + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("RTDCS_HTTP_PORT", Integer.toString(httpPort));
    pb.environment().putAll(env);
    return new NodeProcess(pb.start(), httpPort, log, conf, env, logDir);
  }

  /** A new JVM with this node's config, HTTP port and environment (this one must be gone). */
  NodeProcess startAgain() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException("node on :" + httpPort + " still runs");
    }
    return start(conf, httpPort, env, logDir);
  }

  Path log() {
    return log;
  }

  int httpPort() {
    return httpPort;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until /health/ready answers 200; fails with the node's log when it does not. */
  void awaitReady(Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node died at start:\n" + logTail());
      }
      if (status("/health/ready") == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("node not ready in " + timeout + ":\n" + logTail());
  }

  int status(String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  HttpResponse<String> get(String path, String bearer) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(5));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** kill -9: no shutdown hook, no goodbye to the cluster. */
  void killHard() throws Exception {
    signal("KILL");
    process.waitFor();
  }

  /**
   * SIGSTOP: the JVM freezes with its sockets open, as a node in a long GC pause or swapped out.
   */
  void freeze() throws Exception {
    signal("STOP");
  }

  /** SIGCONT after {@link #freeze()}. */
  void thaw() throws Exception {
    signal("CONT");
  }

  /** SIGTERM (the node's shutdown hook leaves the cluster) and waits until the JVM is gone. */
  void terminate(Duration timeout) throws Exception {
    signal("TERM");
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("node did not stop in " + timeout + ":\n" + logTail());
    }
  }

  private void signal(String name) throws Exception {
    int rc =
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
            .inheritIO()
            .start()
            .waitFor();
    if (rc != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + rc);
    }
  }

  /** Cluster members this node sees (from /health/ready's {@code cluster} check), or -1. */
  int members() {
    try {
      HttpResponse<String> r = get("/health/ready", null);
      io.vertx.core.json.JsonArray checks =
          new io.vertx.core.json.JsonObject(r.body()).getJsonArray("checks");
      for (int i = 0; i < checks.size(); i++) {
        io.vertx.core.json.JsonObject c = checks.getJsonObject(i);
        if ("cluster".equals(c.getString("id"))) {
          return c.getJsonObject("data").getInteger("members");
        }
      }
      return -1;
    } catch (Exception e) {
      return -1;
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static File logDir() throws IOException {
    Path dir = Path.of("target", "node-logs");
    Files.createDirectories(dir);
    return dir.toFile();
  }
}
