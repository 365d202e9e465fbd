package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attack (#18): a caller sends about 32 KB of values, written to make a regex trait backtrack, to a
 * key that hundreds of substring and word traits read, call after call. The trait rules run where
 * the call arrives (the regular expressions under one budget per call), never on the profile
 * owner's partition thread, whose every other key would wait: the CPU the partition threads spend
 * per call stays that of applying a verdict, whatever the values cost to match.
 */
class RegexHeavyCallTest {
  private static final int CALLS = 30;

  /** Substring and word traits on the same key (a site's URL sections, say). */
  private static final int RULES = 1000;

  /**
   * Partition-thread CPU per realize call at most. Measured (BENCHMARKS.md, "regex-heavy calls"):
   * 1.13 ms quiet and 0.68-1.00 ms beside a 2-CPU load with the rules at the sender; 10.1 ms when
   * the owner evaluated them.
   */
  private static final double MAX_PARTITION_CPU_MS_PER_CALL = 3.0;

  private static List<HazelcastInstance> members;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    members = TestMembers.start(1);
    vertx = Vertx.vertx();
    JsonObject config = SegmentFixture.config();
    config
        .getJsonObject("definitions")
        .getJsonArray("traits")
        .add(
            new JsonObject()
                .put("sid", 6001)
                .put("name", "Backtracking bait")
                .put("type", "rule")
                .put("rule", "c_q matchesregex 'a.*a.*a.*a.*b'"));
    // and a catalogue of URL traits, as a site has: each reads every value of the key
    for (int i = 0; i < RULES; i++) {
      config
          .getJsonObject("definitions")
          .getJsonArray("traits")
          .add(
              new JsonObject()
                  .put("sid", 20_000 + i)
                  .put("name", "Section " + i)
                  .put("type", "rule")
                  .put(
                      "rule", "c_q contains 'section-" + i + "' OR c_q matcheswords 'w" + i + "'"));
    }
    SegmentFixture.deploy(vertx, members.get(0), Clock.systemUTC(), config);
  }

  @AfterAll
  static void stop() {
    SegmentFixture.await(vertx.close());
    TestMembers.shutdown(members);
  }

  @Test
  void regexHeavyCallsShouldNotRunOnPartitionThreads() {
    JsonArray bait = new JsonArray();
    for (int i = 0; i < 32; i++) {
      // 32 values of 1,000 characters (32 KB; a regex reads values of up to 1,024), no 'b' to end
      // a match: each would read the whole per-match budget, the call's budget runs out
      bait.add("a".repeat(1000));
    }
    JsonObject signals =
        new JsonObject().put("c_q", bait).put("c_category", new JsonArray().add("shoes"));
    // warm: the first calls load classes and compile
    for (int i = 0; i < 20; i++) {
      realize(Long.toString(8_000_000L + i), signals);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long before = partitionThreadCpuNanos(threads);
    long start = System.nanoTime();
    for (int i = 0; i < CALLS; i++) {
      JsonObject reply = realize(Long.toString(9_000_000L + i), signals);
      // the call is served: the signal trait matched, the bait did not
      assertThat(reply.getJsonArray("realized").getList()).containsExactly(1001);
    }
    double wallMs = (System.nanoTime() - start) / 1e6;
    double cpuMsPerCall = (partitionThreadCpuNanos(threads) - before) / 1e6 / CALLS;
    System.out.printf(
        "regex-heavy calls: %d calls in %.0f ms, partition threads %.3f ms CPU per call%n",
        CALLS, wallMs, cpuMsPerCall);
    assertThat(cpuMsPerCall).isLessThan(MAX_PARTITION_CPU_MS_PER_CALL);
  }

  private static JsonObject realize(String uuid, JsonObject signals) {
    return request(
        vertx,
        Addresses.PROFILE_REALIZE,
        new JsonObject().put("uuid", uuid).put("signals", signals));
  }

  /** CPU time spent so far by the member's partition threads. */
  private static long partitionThreadCpuNanos(ThreadMXBean threads) {
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("partition-operation")) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        total += Math.max(0, cpu);
      }
    }
    return total;
  }
}
