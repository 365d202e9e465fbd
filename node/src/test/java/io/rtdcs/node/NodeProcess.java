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
  /**
   * HTTP/1.1 only: the JDK client's default (HTTP/2 by a clear-text upgrade on each new connection)
   * once misread a 300 KB {@code /metrics} answer as HTTP/2 frames ("Frame type(116)
   * length(6515557) exceeds MAX_FRAME_SIZE").
   */
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private static final java.util.concurrent.atomic.AtomicInteger STARTS =
      new java.util.concurrent.atomic.AtomicInteger();

  private final Process process;
  private final int httpPort;
  private final Path log;

  /** The {@code -conf} file; for a {@link #runScript} node, the repository's root. */
  private final Path conf;

  private final Map<String, String> env;
  private final Path logDir;

  /** The JVM's options; null for a {@link #runScript} node. */
  private final List<String> jvmOptions;

  private NodeProcess(
      Process process,
      int httpPort,
      Path log,
      Path conf,
      Map<String, String> env,
      Path logDir,
      List<String> jvmOptions) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
    this.conf = conf;
    this.env = env;
    this.logDir = logDir;
    this.jvmOptions = jvmOptions;
  }

  static Path jar() {
    String jar = System.getProperty("rtdcs.jar", "target/rtdcs.jar");
    Path p = Path.of(jar);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("fat jar missing at " + p.toAbsolutePath() + ": mvn package");
    }
    return p;
  }

  /** Small and quick to start: the default for tests that do not measure latency. */
  static final List<String> SMALL_JVM =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /**
   * {@link #SMALL_JVM} without the suite's class archive ({@link ClassArchive}): a start as in
   * production, for tests of what happens right after it (ColdStartIT). Any {@code -Xshare} option
   * keeps the archive out; {@code auto} is the JVM's default.
   */
  static final List<String> PRODUCTION_START_JVM =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  /**
   * For tests that measure latency: the same, with the collector's pauses in the node's log (the
   * serial collector's young pauses, a few ms on a quiet machine, reach 20-100 ms on a 2-core
   * machine shared with other builds, and land in the answer times).
   */
  static final List<String> GC_LOGGED_JVM =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:gc:stdout");

  static NodeProcess start(Path conf, int httpPort, Map<String, String> env, Path logDir)
      throws IOException {
    return start(conf, httpPort, env, logDir, SMALL_JVM);
  }

  static NodeProcess start(
      Path conf, int httpPort, Map<String, String> env, Path logDir, List<String> jvmOptions)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Xshare:") || o.contains("Archive"))) {
      cmd.addAll(ClassArchive.options());
    }
    cmd.add("-Dlogback.configurationFile=" + nodeLogback());
    cmd.add("-jar");
    cmd.add(jar().toAbsolutePath().toString());
    cmd.add("-conf");
    cmd.add(conf.toAbsolutePath().toString());
    int start = STARTS.incrementAndGet();
    Path log = logDir.resolve("node-" + httpPort + (start > 1 ? "-" + start : "") + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("RTDCS_HTTP_PORT", Integer.toString(httpPort));
    // state in memory unless the test names a store (TestStore)
    pb.environment().put("RTDCS_STORE_BACKEND", "memory");
    pb.environment().putAll(env);
    return new NodeProcess(pb.start(), httpPort, log, conf, env, logDir, jvmOptions);
  }

  /**
   * {@code scripts/run} from the repository's root, exactly as the README starts a node: no {@code
   * -conf}, the demo configuration in the jar; {@code env} adds {@code RTDCS_*} overrides (ports,
   * the store's path) and the JVM options go through {@code RTDCS_JAVA_OPTS}.
   */
  static NodeProcess runScript(Path repoRoot, int httpPort, Map<String, String> env, Path logDir)
      throws IOException {
    Path script = repoRoot.resolve("scripts/run").toAbsolutePath();
    int start = STARTS.incrementAndGet();
    Path log = logDir.resolve("run-" + httpPort + (start > 1 ? "-" + start : "") + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(script.toString())
            .directory(repoRoot.toFile())
            .redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment()
        .put(
            "RTDCS_JAVA_OPTS",
            String.join(" ", SMALL_JVM) + " -Dlogback.configurationFile=" + nodeLogback());
    pb.environment().put("RTDCS_HTTP_PORT", Integer.toString(httpPort));
    pb.environment().putAll(env);
    return new NodeProcess(pb.start(), httpPort, log, repoRoot, env, logDir, null);
  }

  /** A new JVM with this node's config, HTTP port and environment (this one must be gone). */
  NodeProcess startAgain() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException("node on :" + httpPort + " still runs");
    }
    if (jvmOptions == null) {
      return runScript(conf, httpPort, env, logDir);
    }
    return start(conf, httpPort, env, logDir, jvmOptions);
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

  HttpResponse<String> delete(String path, String bearer) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + bearer)
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString());
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

  /** SIGTERM without waiting (see {@link #terminate}). */
  void signalTerminate() throws Exception {
    if (process.isAlive()) {
      signal("TERM");
    }
  }

  /** SIGTERM (the node's shutdown hook leaves the cluster) and waits until the JVM is gone. */
  void terminate(Duration timeout) throws Exception {
    signalTerminate();
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("node did not stop in " + timeout + ":\n" + logTail());
    }
  }

  private void signal(String name) throws Exception {
    // the shell's own kill: no procps needed on a bare CI image
    int rc =
        new ProcessBuilder("sh", "-c", "kill -" + name + " " + process.pid())
            .inheritIO()
            .start()
            .waitFor();
    if (rc != 0 && process.isAlive()) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + rc);
    }
  }

  /**
   * Cluster members this node sees: the size of the last member list Hazelcast logged (the test
   * logback config, {@code logback-node.xml}, lets those lines through), or -1 before the first.
   */
  int members() {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        java.util.regex.Matcher m = MEMBERS.matcher(lines.get(i));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static final java.util.regex.Pattern MEMBERS =
      java.util.regex.Pattern.compile("Members \\{size:(\\d+)");

  /**
   * Whether this node is the cluster's master in the last member list it logged: Hazelcast lists
   * the master first and marks the local member with {@code this}.
   */
  boolean isMaster() {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (MEMBERS.matcher(lines.get(i)).find()) {
          return i + 1 < lines.size() && lines.get(i + 1).strip().endsWith(" this");
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static String nodeLogback() {
    try {
      return Path.of(NodeProcess.class.getResource("/logback-node.xml").toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
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

  /**
   * Closes every node at once (SIGTERM to all, then waits for each, SIGKILL after 10 s): a teardown
   * that costs one graceful stop, not one per node.
   */
  static void closeAll(List<NodeProcess> nodes) {
    for (NodeProcess n : nodes) {
      if (n.process.isAlive()) {
        n.process.destroy();
      }
    }
    nodes.forEach(NodeProcess::close);
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
