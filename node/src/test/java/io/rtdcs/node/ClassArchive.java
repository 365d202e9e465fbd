package io.rtdcs.node;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The suite's class-data-sharing archive of the fat jar ({@code target/rtdcs-cds.jsa}, JDK 13+
 * dynamic AppCDS): the classes a node loads, parsed and verified once, mapped by every node JVM the
 * tests start instead of loaded from the jar again. Three JVMs booting at once on 2 cores spent
 * about 4 s each before Hazelcast started; with the archive about 2.5 s (one node alone, 4 starts
 * each, interleaved). It changes how fast the JVM gets to the node's code, nothing the node does;
 * tests of a production start (ColdStartIT, {@code scripts/run}) run without it.
 *
 * <p>Made once per jar: the first node start of a test JVM that finds no archive newer than the jar
 * starts one node with {@code -XX:ArchiveClassesAtExit}, waits until it is ready and has answered a
 * few calls, and stops it (the JVM writes the archive as it exits). Whatever goes wrong leaves no
 * archive and the nodes start as before; a JVM given an archive that does not match its jar ignores
 * it ({@code -Xshare:auto}, the default).
 */
final class ClassArchive {
  private static List<String> options;

  private ClassArchive() {}

  /** The JVM options that map the archive, or none; makes the archive the first time. */
  static synchronized List<String> options() {
    if (options == null) {
      options = make();
    }
    return options;
  }

  private static List<String> make() {
    Path jar = NodeProcess.jar().toAbsolutePath();
    Path archive = jar.resolveSibling("rtdcs-cds.jsa");
    try {
      if (Files.isRegularFile(archive)
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
        return List.of("-XX:SharedArchiveFile=" + archive);
      }
      long started = System.nanoTime();
      Path tmp = jar.resolveSibling("rtdcs-cds-" + ProcessHandle.current().pid() + ".jsa");
      Files.deleteIfExists(tmp);
      dump(tmp);
      if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
        System.out.println("class archive: none written, nodes start without one");
        return List.of();
      }
      Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING);
      System.out.printf(
          "class archive: %s (%d MB) in %d ms%n",
          archive, Files.size(archive) >> 20, (System.nanoTime() - started) / 1_000_000);
      return List.of("-XX:SharedArchiveFile=" + archive);
    } catch (Exception e) {
      System.out.println("class archive: not made, nodes start without one: " + e);
      return List.of();
    }
  }

  /** One node with the embedded store and the demo partner, ready, a few calls, SIGTERM. */
  private static void dump(Path tmp) throws Exception {
    Path logDir = NodeProcess.logDir().toPath();
    JsonObject conf =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(2), 0, TestPorts.free());
    Path confFile = Files.createTempFile(logDir, "class-archive-", ".json");
    Files.writeString(confFile, conf.encodePrettily());
    Path data = Files.createTempDirectory(logDir, "class-archive-data-");
    List<String> jvm = new ArrayList<>(NodeProcess.SMALL_JVM);
    jvm.add("-XX:ArchiveClassesAtExit=" + tmp);
    // -Xshare:auto: NodeProcess adds no archive to a JVM whose options already say how it shares
    jvm.add("-Xshare:auto");
    NodeProcess node =
        NodeProcess.start(
            confFile,
            TestPorts.free(),
            Map.of("RTDCS_STORE_BACKEND", "embedded", "RTDCS_STORE_PATH", data.toString()),
            logDir,
            jvm);
    try {
      node.awaitReady(Duration.ofSeconds(120));
      for (int i = 0; i < 20; i++) {
        node.get("/event?d_rtbd=json&c_category=shoes&" + TestConfigs.cid(777, "cds-" + i), null);
      }
      node.get("/metrics", null);
      node.terminate(Duration.ofSeconds(60));
    } finally {
      node.close();
    }
  }
}
