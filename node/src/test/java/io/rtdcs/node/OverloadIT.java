package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rtdcs.bench.load.CallClass;
import io.rtdcs.bench.load.CallOutcome;
import io.rtdcs.bench.load.CapacityProbe;
import io.rtdcs.bench.load.CapacityProbeOptions;
import io.rtdcs.bench.load.OpenLoopLoad;
import io.rtdcs.bench.load.OpenLoopOptions;
import io.rtdcs.bench.load.OpenLoopResult;
import io.rtdcs.bench.load.VisitorPool;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16, tests 2 and 3 in one run (they share the cluster and the load, and the suite's time):
 * three fat-jar nodes, a partner answering in 20 ms (called on every event), two of the nodes
 * offered twice their measured capacity for 60 s by the open-loop generator, and one of those two
 * killed with {@code kill -9} half-way, with the calls it answered and had not stored yet (held in
 * the cluster, replayed by their owners). Every call to the surviving node is answered (served,
 * degraded or refused, in the documented order), calls to the killed one fail only from the kill;
 * for every visitor the stored count is at least the calls admitted for it (nothing lost) and at
 * most that plus its calls that failed at the killed node (those in flight at the kill may have
 * been stored without an answer): nothing counted twice; no admitted call later than {@link
 * #LATE_MS} and at most {@link #LATE_SHARE_MAX} of them later than {@link #PROMISED_MS} (bounds
 * from the measured distribution).
 */
@Timeout(600)
class OverloadIT {
  static final long BUDGET_MS = 150;

  /** The scheduling margin the suite uses on 2 shared cores: an admitted call is promised this. */
  static final long PROMISED_MS = BUDGET_MS + 50;

  /**
   * Share of admitted calls that may come later than {@link #PROMISED_MS}. Measured (BENCHMARKS.md,
   * "OverloadIT"): 0.83-1.04 % of 81,000-83,000 admitted calls in three runs with the third member
   * killed; 1.67 % of 62,129 with a traffic node killed (2026-12-04, its held calls replayed);
   * three node JVMs, the partner and the client on 2 cores at twice the capacity; asserted: at most
   * 5 %.
   */
  static final double LATE_SHARE_MAX = 0.05;

  /**
   * No admitted call later than this. Measured worst: 731-839 ms in the same three runs (the nodes'
   * own answer time reached 300-460 ms, the client's send lag 185-250 ms), 918 ms beside one
   * stress-ng CPU worker; asserted: 1.5 s.
   */
  static final long LATE_MS = 1_500;

  static final int VISITORS = 400;

  /**
   * The capacity is the rate the two nodes serve whole: p99 within the budget and at most this
   * share answered degraded. Without it the probe's 3 s steps accepted rates answered half degraded
   * (1,200-1,400 calls/s against 600 served whole in the same week), so twice "the capacity" varied
   * 2.3x from run to run.
   */
  static final double MAX_DEGRADED_SHARE = 0.05;

  /**
   * The nodes' JVMs: C1 only (less compiling beside the load), G1 with a 20 ms pause goal and room
   * to spare. SMALL_JVM's serial collector in 256 MB paused 100-230 ms under this load here (young
   * and full collections in the GC log), and a pause lands whole in the answers.
   */
  static final List<String> JVM =
      List.of(
          "-Xmx512m",
          "-XX:+UseG1GC",
          "-XX:MaxGCPauseMillis=20",
          "-XX:TieredStopAtLevel=1",
          "-Xlog:gc:stdout");

  static final Duration LOAD = Duration.ofSeconds(60);

  private final List<NodeProcess> nodes = new ArrayList<>();
  private Vertx vertx;

  @AfterEach
  void stopAll() {
    NodeProcess.closeAll(nodes);
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void twiceTheCapacityWithAMemberKilledShouldLoseNothingCountNothingTwiceAndAnswerInTime()
      throws Exception {
    vertx = Vertx.vertx();
    int partnerPort = TestPorts.free();
    HttpServer partner =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    vertx.setTimer(
                        20,
                        id ->
                            req.response()
                                .putHeader("Content-Type", "application/json")
                                .end("{\"segments\":[\"auto-intender\"]}")))
            .listen(partnerPort, "127.0.0.1")
            .await();
    assertThat(partner.actualPort()).isEqualTo(partnerPort);

    Path logDir = NodeProcess.logDir().toPath();
    JsonObject conf =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(6), 0, partnerPort);
    conf.getJsonObject("demoPartner").put("enabled", false);
    conf.getJsonObject("dcs").remove("admission"); // production defaults
    JsonObject definition =
        conf.getJsonObject("definitions").getJsonArray("partners").getJsonObject(0);
    definition.put("cacheTtlSeconds", 0); // asked on every event
    Path confFile = Files.createTempFile(logDir, "overload-", ".json");
    Files.writeString(confFile, conf.encodePrettily());
    for (int i = 0; i < 3; i++) {
      nodes.add(NodeProcess.start(confFile, TestPorts.free(), Map.of(), logDir, JVM));
    }
    for (NodeProcess n : nodes) {
      n.awaitReady(Duration.ofSeconds(120));
    }
    ClusterSafety.awaitSafe(nodes.get(0).httpPort());
    // the client must not be starved by the system under test it measures (in production they
    // are on different machines): the node JVMs yield the CPU to it when both want it
    List<String> renice = new ArrayList<>(List.of("renice", "-n", "5", "-p"));
    for (NodeProcess n : nodes) {
      renice.add(Long.toString(n.pid()));
    }
    int reniced = new ProcessBuilder(renice).redirectErrorStream(true).start().waitFor();
    System.out.println("overload: renice of the node JVMs exited " + reniced);
    NodeProcess victim = nodes.get(Integer.getInteger("overload.victim", 1));
    List<String> targets =
        List.of(
            "http://127.0.0.1:" + nodes.get(0).httpPort(),
            "http://127.0.0.1:" + nodes.get(1).httpPort());
    VisitorPool visitors = new VisitorPool(VISITORS);

    double capacity;
    try (OpenLoopLoad probe =
        new OpenLoopLoad(
            new OpenLoopOptions()
                .setTargets(targets)
                .setPathFactory(i -> path(String.format("%019d%019d", 777L, i % 5_000))))) {
      // visitors of their own (the counts below are the measured load's); the client and the
      // nodes' partner clients warm up first: a cold first step would set
      // the capacity far too low
      probe.run(100, Duration.ofSeconds(5));
      CapacityProbe.Estimate estimate =
          new CapacityProbe(
                  new CapacityProbeOptions()
                      .setStartRate(200)
                      .setStepDuration(Duration.ofSeconds(3))
                      .setPause(Duration.ofSeconds(1))
                      .setBisectSteps(2)
                      .setMaxDegradedShare(MAX_DEGRADED_SHARE)
                      .setP99Bound(Duration.ofMillis(BUDGET_MS)))
              .find(probe::run);
      capacity = Math.max(100, estimate.capacity());
      System.out.println("overload: capacity estimate " + estimate.toJson().encode());
    }

    Map<String, LongAdder> admitted = new ConcurrentHashMap<>();
    Map<String, LongAdder> failedAtVictim = new ConcurrentHashMap<>();
    List<String> failedElsewhere = new java.util.concurrent.CopyOnWriteArrayList<>();
    String victimTarget = targets.get(1);
    ConcurrentHistogram admittedMicros = new ConcurrentHistogram(3);
    AtomicLong late = new AtomicLong();
    AtomicLong lateAfterKill = new AtomicLong();
    AtomicLong killedAtNanos = new AtomicLong(Long.MAX_VALUE);
    List<String> lateSamples = new java.util.concurrent.CopyOnWriteArrayList<>();
    OpenLoopResult result;
    try (OpenLoopLoad load =
        new OpenLoopLoad(
            new OpenLoopOptions()
                .setTargets(targets)
                .setRatePerSecond(2 * capacity)
                .setDuration(LOAD)
                .setCallTimeout(Duration.ofSeconds(5))
                .setPathFactory(i -> path(visitors.inTurn(i)))
                .setOutcomeListener(
                    o -> {
                      if (o.callClass() == CallClass.FAILED) {
                        if (o.request().target().equals(victimTarget)) {
                          failedAtVictim
                              .computeIfAbsent(uuidOf(o), k -> new LongAdder())
                              .increment();
                        } else if (failedElsewhere.size() < 10) {
                          failedElsewhere.add(o.failure() + " " + o.request().path());
                        }
                        return;
                      }
                      if (o.status() != 200) {
                        return;
                      }
                      admitted.computeIfAbsent(uuidOf(o), k -> new LongAdder()).increment();
                      // from the call's actual send: the generator's own lag on 2 shared cores
                      // is the harness's, not the node's (reported separately)
                      long micros = (o.latencyNanos() - o.sendLagNanos()) / 1_000;
                      admittedMicros.recordValue(Math.max(0, micros));
                      if (micros > PROMISED_MS * 1_000) {
                        late.incrementAndGet();
                        if (System.nanoTime() - o.latencyNanos() >= killedAtNanos.get()) {
                          lateAfterKill.incrementAndGet();
                        }
                      }
                      if (micros > LATE_MS * 1_000 && lateSamples.size() < 10) {
                        lateSamples.add(micros / 1000 + " ms " + o.request().path());
                      }
                    }))) {
      var running = load.start(2 * capacity, LOAD);
      Thread.sleep(LOAD.toMillis() / 2);
      killedAtNanos.set(System.nanoTime());
      victim.killHard();
      result = running.get();
    }
    System.out.println("overload: " + result.toJson().encode());
    System.out.printf(
        "overload: admitted latency from send p50 %.1f p99 %.1f p99.9 %.1f max %.1f ms%n",
        admittedMicros.getValueAtPercentile(50) / 1000.0,
        admittedMicros.getValueAtPercentile(99) / 1000.0,
        admittedMicros.getValueAtPercentile(99.9) / 1000.0,
        admittedMicros.getMaxValue() / 1000.0);

    for (NodeProcess n : List.of(nodes.get(0), nodes.get(2))) {
      System.out.println("overload: node " + n.httpPort() + " " + loadMetrics(n));
    }
    // every call to the surviving node answered: served, degraded or refused
    assertThat(failedElsewhere).as(result.failureCounts().toString()).isEmpty();
    assertThat(result.count(CallClass.SERVED) + result.count(CallClass.DEGRADED)).isGreaterThan(0);
    long failedAtKill = failedAtVictim.values().stream().mapToLong(LongAdder::sum).sum();
    System.out.printf("overload: %d calls failed at the killed node%n", failedAtKill);
    // every admitted call stored once: nothing lost through the kill, nothing counted twice
    NodeProcess reader = nodes.get(0);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              List<String> wrong = new ArrayList<>();
              for (int k = 1; k <= VISITORS; k++) {
                String uuid = visitors.uuid(k);
                long expected = admitted.getOrDefault(uuid, new LongAdder()).sum();
                long unanswered = failedAtVictim.getOrDefault(uuid, new LongAdder()).sum();
                long stored = count(reader, uuid, 1001);
                if (stored < expected || stored > expected + unanswered) {
                  wrong.add(
                      uuid
                          + ": stored "
                          + stored
                          + ", admitted "
                          + expected
                          + ", failed at the killed node "
                          + unanswered);
                }
              }
              assertThat(wrong).isEmpty();
            });
    // admitted calls in time: none later than LATE_MS, at most LATE_SHARE_MAX later than promised
    long admittedCalls = result.count(CallClass.SERVED) + result.count(CallClass.DEGRADED);
    System.out.printf(
        "overload: %d of %d admitted calls later than %d ms (%.2f %%), %d of them started after"
            + " the kill%n",
        late.get(),
        admittedCalls,
        PROMISED_MS,
        100.0 * late.get() / admittedCalls,
        lateAfterKill.get());
    assertThat(lateSamples).as("admitted calls later than %d ms", LATE_MS).isEmpty();
    assertThat((double) late.get() / admittedCalls)
        .as("share of the %d admitted calls later than %d ms", admittedCalls, PROMISED_MS)
        .isLessThanOrEqualTo(LATE_SHARE_MAX);
  }

  /** The node's admission and collection counters, for the record (never fails the test). */
  private static String loadMetrics(NodeProcess node) {
    String body;
    try {
      body = node.get("/metrics", null).body();
    } catch (Exception e) {
      return "metrics not read: " + e;
    }
    StringBuilder out = new StringBuilder();
    for (String line : body.split("\n")) {
      if (line.startsWith("rtdcs_admission_total")
          || line.startsWith("rtdcs_collection_")
          || line.startsWith("rtdcs_realize_duplicates_total")
          || line.startsWith("rtdcs_event_seconds_max")) {
        out.append(line).append("; ");
      }
    }
    return out.toString();
  }

  private static String path(String uuid) {
    return "/event?d_rtbd=json&c_category=shoes&c_price=120&d_uuid=" + uuid;
  }

  private static String uuidOf(CallOutcome o) {
    String path = o.request().path();
    return path.substring(path.indexOf("d_uuid=") + 7);
  }

  private static long count(NodeProcess node, String uuid, int sid) throws Exception {
    HttpResponse<String> r = node.get("/profiles/" + uuid, TestConfigs.ADMIN_TOKEN);
    if (r.statusCode() == 404) {
      return 0;
    }
    assertThat(r.statusCode()).isEqualTo(200);
    for (Object t : new JsonObject(r.body()).getJsonArray("traits", new JsonArray())) {
      JsonObject trait = (JsonObject) t;
      if (trait.getInteger("sid") == sid) {
        return trait.getLong("count");
      }
    }
    return 0;
  }
}
