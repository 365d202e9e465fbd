package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster fault suite: three nodes of the fat jar as separate JVMs on loopback under a bounded
 * load of {@code d_sid} realizations for known visitors ({@link LoadClient}), while one node is
 * killed ({@code kill -9}), frozen ({@code SIGSTOP}/{@code SIGCONT}) or every node is restarted in
 * turn. Afterwards every acknowledged realization is in the stored profiles and the survivors
 * answered every call within the budget. The scenarios share one cluster; each starts from three
 * ready members.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterFaultIT {
  static final long BUDGET_MS = 150;

  /*
   * The bounds below come from 15 runs of this suite on a 2-core machine (10 quiet, 5 beside
   * stress-ng --cpu 1; BENCHMARKS.md, "Cluster fault suite timings", scripts/fault-timings): the
   * load client shares the 2 cores with the three nodes, so a few answers carry the machine's
   * scheduling and the nodes' serial-collector pauses (30-85 ms) on top of the budget.
   */

  /**
   * The product's promise: an answer within the budget plus 10 ms. Measured: at most 1.14 % of the
   * survivors' calls of a scenario came later (0-3 calls of 250-570); asserted: at most 3 %.
   */
  static final long PROMISED_MS = BUDGET_MS + 10;

  static final double LATE_SHARE_MAX = 0.03;

  /**
   * No call later than this. Measured worst: 209.0 ms quiet, 244.7 ms beside a CPU load; asserted:
   * budget + 150 ms ({@code -Dfaults.slackMs=N} sets the 150, parent pom {@code
   * rtdcs.faults.slackMs}).
   */
  static final long LATE_MS = BUDGET_MS + Long.getLong("faults.slackMs", 150);

  /** kill -9: the survivors see two members within this. Measured: 409-530 ms. */
  static final long KILLED_GONE_MS = 2_000;

  /**
   * SIGSTOP: the survivors have removed the frozen member within this: the heartbeat timeout of
   * cluster.xml (8 s) plus its 1 s check interval plus 3 s. Measured: 7,162-9,283 ms, master or
   * not.
   */
  static final long FROZEN_GONE_MS = 12_000;

  /**
   * SIGCONT: the resumed member has merged back within this (each side looks for the other every 10
   * s, cluster.xml). Measured: 0.8-18.4 s.
   */
  static final long MERGED_BACK_S = 45;

  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<String> visitors = LoadClient.visitors(200);

  @BeforeAll
  void startCluster() throws Exception {
    Path logDir = NodeProcess.logDir().toPath();
    int clusterPort = TestPorts.freeClusterBase(10);
    JsonObject conf = TestConfigs.demoCluster(TestConfigs.clusterName(), clusterPort, 0, 0);
    conf.getJsonObject("demoPartner").put("enabled", false);
    conf.getJsonObject("definitions").put("partners", new JsonArray());
    conf.getJsonObject("dcs").put("budgetMs", BUDGET_MS);
    // the production setting for three nodes: a member cut off from the other two neither serves
    // nor changes visitor data (docs/deploy.md)
    conf.getJsonObject("cluster").put("minimumMembers", 2);
    // 3001 is onboarded in the demo (counts once); here it counts every realization, so a stored
    // count can be compared with the acknowledged ones
    JsonArray traits = conf.getJsonObject("definitions").getJsonArray("traits");
    for (int i = 0; i < traits.size(); i++) {
      JsonObject t = traits.getJsonObject(i);
      if (t.getInteger("sid") == LoadClient.SID) {
        t.put("type", "rule").put("rule", "c_fault_suite_never == \"1\"").put("ttlDays", 0);
      }
    }
    Path confFile = Files.createTempFile(logDir, "faults-", ".json");
    Files.writeString(confFile, conf.encodePrettily());
    for (int i = 0; i < 3; i++) {
      nodes.add(
          NodeProcess.start(
              confFile, TestPorts.free(), Map.of(), logDir, NodeProcess.GC_LOGGED_JVM));
    }
    awaitThreeMembers();
    // JIT warm-up, not measured
    try (LoadClient warm = new LoadClient(visitors, Duration.ofSeconds(2), Duration.ofMillis(5))) {
      warm.targets(nodes);
      warm.start(4, 3_000, Duration.ofSeconds(8));
      warm.stop();
    }
  }

  @BeforeEach
  void threeReadyMembers() throws Exception {
    for (int i = 0; i < nodes.size(); i++) {
      if (!nodes.get(i).isAlive()) {
        nodes.set(i, nodes.get(i).startAgain());
      }
    }
    try {
      awaitThreeMembers();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // a node left alone by an earlier scenario (a removed member merges back only after
      // Hazelcast's split-brain delay, minutes): restart whoever sees fewer members than the rest
      int most = nodes.stream().mapToInt(NodeProcess::members).max().orElse(3);
      for (int i = 0; i < nodes.size(); i++) {
        NodeProcess n = nodes.get(i);
        if (n.members() < most) {
          n.terminate(Duration.ofSeconds(30));
          nodes.set(i, n.startAgain());
        }
      }
      awaitThreeMembers();
    }
    // faults start from a settled cluster (no migration or replica sync pending): a kill -9 while
    // the backups of a joining member are still being synced may lose writes, by Hazelcast's design
    ClusterSafety.awaitSafe(nodes.get(0).httpPort());
  }

  @AfterAll
  void stopAll() {
    NodeProcess.closeAll(nodes);
  }

  @Test
  @Order(1)
  void aKilledNodeShouldLoseNoAcknowledgedRealizationAndSurvivorsShouldAnswerInBudget()
      throws Exception {
    NodeProcess victim = nodes.get(0);
    List<NodeProcess> survivors = List.of(nodes.get(1), nodes.get(2));
    long start = System.nanoTime();
    try (LoadClient load = load()) {
      load.targets(nodes);
      load.start(4, 20_000, Duration.ofSeconds(40));
      awaitAcknowledged(load, 150);
      load.targets(survivors);
      victim.killHard();
      long killed = System.nanoTime();
      long left = awaitMembers(survivors, 2, Duration.ofSeconds(20));
      long afterLeft = load.acknowledgedTotal();
      awaitAcknowledged(load, afterLeft + 150);
      load.stop();
      long end = System.nanoTime();

      report("kill -9", load, survivors, start, end);
      System.out.printf("faults: kill -9: two members after %d ms%n", ms(left - killed));
      assertThat(ms(left - killed)).as("ms until two members").isLessThanOrEqualTo(KILLED_GONE_MS);
      assertSurvivorsAnsweredInBudget(load, survivors, start, end);
      assertNoneLost(load.acknowledged(), survivors);
    }
  }

  @Test
  @Order(2)
  void aFrozenNodeShouldNotDelaySurvivorsAndShouldNotCorruptTheClusterWhenItResumes()
      throws Exception {
    NodeProcess victim = nodes.get(1);
    List<NodeProcess> survivors = List.of(nodes.get(0), nodes.get(2));
    boolean victimWasMaster = victim.isMaster();
    long start = System.nanoTime();
    try (LoadClient load = load()) {
      load.targets(nodes);
      load.start(4, 20_000, Duration.ofSeconds(50));
      awaitAcknowledged(load, 150);
      // visitors whose profiles every member holds a copy of (owner or backup) before the freeze;
      // while the victim is gone, the others delete some and opt others out
      List<String> erased = LoadClient.visitors(30);
      List<String> optedOut = LoadClient.visitors(30);
      realizeEverywhere(erased, optedOut);
      load.targets(survivors);
      victim.freeze();
      long frozen = System.nanoTime();
      try {
        long removed = awaitMembers(survivors, 2, Duration.ofSeconds(25));
        for (String uuid : erased) {
          assertThat(
                  survivors
                      .get(0)
                      .delete("/profiles/" + uuid, TestConfigs.ADMIN_TOKEN)
                      .statusCode())
              .as("deletion of %s", uuid)
              .isEqualTo(200);
        }
        for (String uuid : optedOut) {
          assertThat(survivors.get(1).status("/demoptout.jpg?d_uuid=" + uuid))
              .as("opt-out of %s", uuid)
              .isEqualTo(200);
        }
        long afterRemoval = load.acknowledgedTotal();
        awaitAcknowledged(load, afterRemoval + 150);
        load.stop();
        long end = System.nanoTime();

        report("SIGSTOP", load, survivors, start, end);
        System.out.printf(
            "faults: SIGSTOP: removed after %d ms (the frozen node was the master: %b)%n",
            ms(removed - frozen), victimWasMaster);
        assertThat(ms(removed - frozen)).as("ms until removed").isLessThanOrEqualTo(FROZEN_GONE_MS);
        assertSurvivorsAnsweredInBudget(load, survivors, start, end);
      } finally {
        victim.thaw();
      }
      // resumed: once it has noticed that it was removed, it is a cluster of one, below
      // cluster.minimumMembers: not ready, and it answers /event without visitor data
      awaitUntil(
          "the resumed node noticed it was removed",
          Duration.ofSeconds(30),
          () -> victim.members() != 3 || survivors.get(0).members() == 3);
      assertAloneMeansNotReady(victim);
      if (victim.members() < 2) {
        // alone, it takes no privacy action either: the caller is told to retry (503)
        assertThat(victim.status("/demoptout.jpg?d_uuid=" + LoadClient.visitors(1).get(0)))
            .as("an opt-out on a node alone")
            .isEqualTo(503);
      }
      assertNoneLost(load.acknowledged(), survivors);
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> victim.status("/event?d_rtbd=json&c_category=shoes") == 200);
      // the split heals by itself (merge check every 10 s, cluster.xml): three members again, and
      // the merge kept every acknowledged realization (the newest write of an entry wins)
      long resumed = System.nanoTime();
      awaitUntil(
          "the resumed node merged back",
          Duration.ofSeconds(MERGED_BACK_S),
          () -> nodes.stream().allMatch(n -> n.members() == 3));
      System.out.printf(
          "faults: SIGCONT: three members again after %d ms%n", ms(System.nanoTime() - resumed));
      for (NodeProcess n : nodes) {
        assertThat(n.status("/event?d_rtbd=json&c_category=shoes")).isEqualTo(200);
      }
      assertNoneLost(load.acknowledged(), nodes);
      // the resumed member's stale copies did not bring a deleted profile back or undo an opt-out
      assertPrivacyHeld(erased, optedOut);
    } finally {
      if (victim.isAlive() && victim.members() != 3) {
        // not merged back: the next scenario starts it again
        victim.terminate(Duration.ofSeconds(30));
      }
    }
  }

  @Test
  @Order(3)
  void aRollingRestartOfEveryNodeShouldLoseNoAcknowledgedRealization() throws Exception {
    long start = System.nanoTime();
    try (LoadClient load = load()) {
      load.targets(nodes);
      load.start(4, 40_000, Duration.ofSeconds(150));
      awaitAcknowledged(load, 100);
      for (int i = 0; i < nodes.size(); i++) {
        NodeProcess old = nodes.get(i);
        List<NodeProcess> others = new ArrayList<>(nodes);
        others.remove(old);
        load.targets(others);
        old.terminate(Duration.ofSeconds(30));
        awaitMembers(others, 2, Duration.ofSeconds(20));
        NodeProcess fresh = old.startAgain();
        nodes.set(i, fresh);
        awaitThreeMembers();
        load.targets(nodes);
        awaitAcknowledged(load, load.acknowledgedTotal() + 50);
      }
      load.stop();
      report("rolling restart", load, nodes, start, System.nanoTime());
      assertNoneLost(load.acknowledged(), nodes);
    }
  }

  private void realizeEverywhere(List<String> erased, List<String> optedOut) throws Exception {
    List<String> all = new ArrayList<>(erased);
    all.addAll(optedOut);
    for (String uuid : all) {
      HttpResponse<String> r =
          nodes.get(0).get("/event?d_rtbd=json&d_sid=" + LoadClient.SID + "&d_uuid=" + uuid, null);
      assertThat(r.statusCode()).isEqualTo(200);
    }
    await("profiles stored")
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              for (String uuid : all) {
                assertThat(
                        nodes.get(2).get("/profiles/" + uuid, TestConfigs.ADMIN_TOKEN).statusCode())
                    .isEqualTo(200);
              }
            });
  }

  private void assertPrivacyHeld(List<String> erased, List<String> optedOut) {
    await("deletions and opt-outs held after the merge")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptionsInstanceOf(java.net.http.HttpTimeoutException.class)
        .untilAsserted(
            () -> {
              for (NodeProcess n : nodes) {
                for (String uuid : erased) {
                  assertThat(n.get("/profiles/" + uuid, TestConfigs.ADMIN_TOKEN).statusCode())
                      .as("deleted %s read on node %d", uuid, n.httpPort())
                      .isEqualTo(404);
                }
                for (String uuid : optedOut) {
                  HttpResponse<String> p = n.get("/profiles/" + uuid, TestConfigs.ADMIN_TOKEN);
                  assertThat(p.statusCode()).isEqualTo(200);
                  assertThat(new JsonObject(p.body()).getBoolean("optedOut"))
                      .as("opted-out %s read on node %d", uuid, n.httpPort())
                      .isTrue();
                }
              }
            });
  }

  private LoadClient load() {
    return new LoadClient(visitors, Duration.ofSeconds(2), Duration.ofMillis(25));
  }

  private void awaitThreeMembers() throws Exception {
    for (NodeProcess n : nodes) {
      n.awaitReady(Duration.ofSeconds(90));
    }
    awaitMembers(nodes, 3, Duration.ofSeconds(30));
  }

  /** Waits until every node in {@code of} sees {@code count} members; returns System.nanoTime. */
  private static long awaitMembers(List<NodeProcess> of, int count, Duration atMost) {
    awaitUntil(
        "every node sees " + count + " members",
        atMost,
        () -> of.stream().allMatch(n -> n.members() == count));
    return System.nanoTime();
  }

  private static void awaitAcknowledged(LoadClient load, long total) {
    awaitUntil(
        "at least " + total + " acknowledged realizations",
        Duration.ofSeconds(30),
        () -> load.acknowledgedTotal() >= total);
  }

  private static void awaitUntil(String what, Duration atMost, BooleanSupplier condition) {
    await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
  }

  /**
   * A node that sees fewer members than cluster.minimumMembers (2) reports not ready: the readiness
   * answer carries both the member count and the verdict, so the two cannot race.
   */
  private static void assertAloneMeansNotReady(NodeProcess node) throws Exception {
    HttpResponse<String> ready = node.get("/health/ready", null);
    JsonObject hz = readinessCheck(ready.body(), "hazelcast");
    System.out.printf(
        "faults: SIGCONT: resumed node readiness %d with %s member(s)%n",
        ready.statusCode(), hz == null ? "?" : hz.getJsonObject("data").getValue("members"));
    if (hz != null && hz.getJsonObject("data").getInteger("members") < 2) {
      assertThat(ready.statusCode()).as("readiness of a node alone").isEqualTo(503);
      assertThat(hz.getString("status")).isEqualTo("DOWN");
    }
  }

  private static JsonObject readinessCheck(String body, String id) {
    JsonArray checks = new JsonObject(body).getJsonArray("checks", new JsonArray());
    for (int i = 0; i < checks.size(); i++) {
      if (id.equals(checks.getJsonObject(i).getString("id"))) {
        return checks.getJsonObject(i);
      }
    }
    return null;
  }

  /**
   * Every call to a survivor in [from, to) was answered 200, none later than {@link #LATE_MS}, and
   * at most {@link #LATE_SHARE_MAX} of them later than {@link #PROMISED_MS}.
   */
  private static void assertSurvivorsAnsweredInBudget(
      LoadClient load, List<NodeProcess> survivors, long from, long to) {
    List<String> bad = new ArrayList<>();
    int total = 0;
    int overPromise = 0;
    for (NodeProcess s : survivors) {
      for (LoadClient.Call c : load.callsTo(s.httpPort(), from, to)) {
        total++;
        if (c.latencyMicros() > PROMISED_MS * 1000) {
          overPromise++;
        }
        if (c.status() != 200 || c.latencyMicros() > LATE_MS * 1000) {
          bad.add(
              String.format(
                  ":%d at +%d ms: status %d after %.1f ms",
                  c.port(), ms(c.startedNanos() - from), c.status(), c.latencyMicros() / 1000.0));
        }
      }
    }
    assertThat(total).as("calls to survivors").isGreaterThan(100);
    assertThat(bad)
        .as("calls to survivors not answered 200 within %d ms (of %d)", LATE_MS, total)
        .isEmpty();
    assertThat((double) overPromise / total)
        .as("share of the %d calls to survivors answered later than %d ms", total, PROMISED_MS)
        .isLessThanOrEqualTo(LATE_SHARE_MAX);
  }

  /** For each visitor: stored count of trait 3001 >= acknowledged realizations. */
  private static void assertNoneLost(Map<String, Long> acknowledged, List<NodeProcess> readers) {
    assertThat(acknowledged).isNotEmpty();
    await("every acknowledged realization stored")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        // a read can wait out a partition migration (after a merge, beside a CPU load): read again
        .ignoreExceptionsInstanceOf(java.net.http.HttpTimeoutException.class)
        .untilAsserted(
            () -> {
              List<String> lost = new ArrayList<>();
              int i = 0;
              for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
                NodeProcess reader = readers.get(i++ % readers.size());
                HttpResponse<String> r =
                    reader.get("/profiles/" + e.getKey(), TestConfigs.ADMIN_TOKEN);
                assertThat(r.statusCode()).as("read of %s", e.getKey()).isIn(200, 404);
                long stored = r.statusCode() == 200 ? storedCount(r.body()) : 0;
                if (stored < e.getValue()) {
                  lost.add(e.getKey() + ": stored " + stored + " < acknowledged " + e.getValue());
                }
              }
              assertThat(lost).as("visitors with lost realizations").isEmpty();
            });
  }

  private static long storedCount(String profile) {
    JsonArray traits = new JsonObject(profile).getJsonArray("traits");
    for (int i = 0; i < traits.size(); i++) {
      JsonObject t = traits.getJsonObject(i);
      if (t.getInteger("sid") == LoadClient.SID) {
        return t.getLong("count");
      }
    }
    return 0;
  }

  private static void report(
      String scenario, LoadClient load, List<NodeProcess> survivors, long from, long to) {
    List<Long> lat = new ArrayList<>();
    long failed = 0;
    for (NodeProcess s : survivors) {
      for (LoadClient.Call c : load.callsTo(s.httpPort(), from, to)) {
        lat.add(c.latencyMicros());
        if (c.status() != 200) {
          failed++;
        }
      }
    }
    lat.sort(null);
    if (lat.isEmpty()) {
      return;
    }
    List<Long> atBudget = lat.stream().filter(l -> l >= BUDGET_MS * 1000).toList();
    System.out.printf(
        "faults: %s: %d calls to survivors (%d failed, %d answered at the budget: %s ms),"
            + " p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
            + " %d acknowledged realizations of %d calls in all%n",
        scenario,
        lat.size(),
        failed,
        atBudget.size(),
        atBudget.stream().map(l -> String.format("%.1f", l / 1000.0)).toList(),
        lat.get(lat.size() / 2) / 1000.0,
        lat.get((int) (lat.size() * 0.99)) / 1000.0,
        lat.get(lat.size() - 1) / 1000.0,
        load.acknowledgedTotal(),
        load.calls().size());
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
