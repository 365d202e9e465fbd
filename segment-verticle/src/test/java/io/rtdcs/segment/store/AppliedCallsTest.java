package io.rtdcs.segment.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.DefinitionsSeeder;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppliedCallsTest {
  private static final long NOW = 1_764_400_000_000L;

  @Test
  void aCallShouldBeRememberedForTheWindowThenForgotten() {
    AppliedCalls calls = new AppliedCalls();
    long key = AppliedCalls.key("abc");
    calls.record(key, NOW);
    assertThat(calls.contains(key)).isTrue();

    calls.record(AppliedCalls.key("later"), NOW + AppliedCalls.KEEP_MILLIS);
    assertThat(calls.contains(key)).isTrue();
    calls.record(AppliedCalls.key("much later"), NOW + AppliedCalls.KEEP_MILLIS + 1);
    assertThat(calls.contains(key)).isFalse();
  }

  @Test
  void theNewestCallsShouldBeKeptUpToTheCap() {
    AppliedCalls calls = new AppliedCalls();
    for (int i = 0; i < AppliedCalls.MAX_CALLS + 10; i++) {
      calls.record(AppliedCalls.key("tid-" + i), NOW + i);
    }
    assertThat(calls.size()).isEqualTo(AppliedCalls.MAX_CALLS);
    assertThat(calls.contains(AppliedCalls.key("tid-9"))).isFalse();
    assertThat(calls.contains(AppliedCalls.key("tid-10"))).isTrue();
    assertThat(calls.contains(AppliedCalls.key("tid-" + (AppliedCalls.MAX_CALLS + 9)))).isTrue();
  }

  @Test
  void aWindowShouldSurviveItsPackedFormInOrder() {
    AppliedCalls calls = new AppliedCalls();
    for (int i = 0; i < 50; i++) {
      calls.record(AppliedCalls.key("tid-" + i), NOW + i * 1_000L);
    }
    calls.record(AppliedCalls.key("tid-3"), NOW + 60_000); // again: now the newest
    long lastSeen = NOW + 60_000;

    AppliedCalls read = new AppliedCalls();
    read.unpack(new VarBytes.Reader(calls.pack(lastSeen)), lastSeen);

    assertThat(read.size()).isEqualTo(50);
    assertThat(read.pack(lastSeen)).isEqualTo(calls.pack(lastSeen));
    // tid-0 (applied at NOW) expires first, tid-3 (re-applied last) last
    read.prune(NOW + AppliedCalls.KEEP_MILLIS + 1);
    assertThat(read.contains(AppliedCalls.key("tid-0"))).isFalse();
    assertThat(read.contains(AppliedCalls.key("tid-1"))).isTrue();
    read.prune(NOW + 49_000 + AppliedCalls.KEEP_MILLIS + 1);
    assertThat(read.size()).isEqualTo(1);
    assertThat(read.contains(AppliedCalls.key("tid-3"))).isTrue();
    // and it takes new calls after being read (room for this call's own key)
    read.record(AppliedCalls.key("new"), NOW + 49_000 + AppliedCalls.KEEP_MILLIS + 2);
    assertThat(read.contains(AppliedCalls.key("new"))).isTrue();
    assertThat(read.size()).isEqualTo(2);
  }

  @Test
  void noTidShouldMeanNoKey() {
    assertThat(AppliedCalls.key(null)).isZero();
    assertThat(AppliedCalls.key("")).isZero();
    AppliedCalls calls = new AppliedCalls();
    calls.record(0, NOW);
    assertThat(calls.isEmpty()).isTrue();
    assertThat(calls.contains(0)).isFalse();
  }

  @Test
  void aRetriedRealizationShouldCountOnceAndChangeNothing() {
    DefinitionsSeeder.Seed seed =
        DefinitionsSeeder.validate(
            new JsonObject(
                """
                {"traits":[{"sid":3001,"name":"shoes","type":"rule",
                            "rule":"c_category == \\"shoes\\""}],
                 "segments":[{"id":5001,"name":"shoe buyers","rule":"3001T"}]}
                """));
    Definitions defs =
        new Definitions(seed.traits(), seed.segments(), seed.destinations(), Map.of(), 1);
    Profile p = new Profile();
    RealizeCommand first = command(NOW, "tid-1");

    RealizeResult applied = ProfileUpdater.realize(p, first, defs);
    RealizeResult retried = ProfileUpdater.realize(p, command(NOW + 2_000, "tid-1"), defs);
    RealizeResult other = ProfileUpdater.realize(p, command(NOW + 3_000, "tid-2"), defs);
    ProfileUpdater.realize(p, command(NOW + 4_000, null), defs);
    ProfileUpdater.realize(p, command(NOW + 5_000, null), defs);

    assertThat(applied.duplicate()).isFalse();
    assertThat(applied.realized()).containsExactly(3001);
    assertThat(retried.duplicate()).isTrue();
    assertThat(retried.realized()).isEmpty();
    assertThat(retried.traits()).containsExactly(3001);
    assertThat(retried.segments()).containsExactly(5001);
    assertThat(retried.previousSegments()).containsExactly(5001);
    assertThat(other.duplicate()).isFalse();
    // tid-1 once, tid-2 once, and the two calls without a tid each time
    assertThat(p.traits().get(3001).count()).isEqualTo(4);
    assertThat(p.lastSeen()).isEqualTo(NOW + 5_000);
  }

  private static RealizeCommand command(long now, String tid) {
    return new RealizeCommand(
        Map.of("c_category", List.of("shoes")),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        now,
        tid);
  }
}
