package io.rtdcs.bench.micro;

import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.DefinitionsSeeder;
import io.rtdcs.segment.store.Profile;
import io.rtdcs.segment.store.ProfileUpdater;
import io.rtdcs.segment.store.TraitRecord;
import io.rtdcs.segment.store.TraitView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The segment evaluation of one call at the device profile's owner ({@link
 * ProfileUpdater#evaluateSegments}) under a Profile Merge Rule (issue 19): {@code deviceAlone} is
 * every segment on the calling device's profile only (the default rule, no other profile carried),
 * {@code linkedDevices} the same segments under one rule {@code {"authenticated":"none",
 * "devices":"linked"}} over the device plus {@code devices} linked devices' views ({@link
 * TraitView} with role {@link TraitView#LINKED_DEVICE}, built once beforehand as the receiving
 * member carries them in the command). Definitions: the demo's 8 traits and 7 segments, {@link
 * BenchDefinitions#hundredRuleTraits} and 40 more segments over them (47 segments, 108 traits).
 * Run: {@code java -jar bench/target/rtdcs-bench.jar -f 1 -wi 3 -i 5 -w 1s -r 1s MergeRuleBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MergeRuleBench {
  static final long NOW = BenchDefinitions.NOW;

  /** The linked devices' views, at most {@link #MAX_LINKED} (the merge rules' own limit). */
  static final int MAX_LINKED = 10;

  Definitions deviceOnly;
  Definitions linked;
  Profile device;
  List<TraitView> views;

  /** How many of the ten linked devices the call's command carries. */
  @State(Scope.Benchmark)
  public static class Linked {
    @Param({"1", "5", "10"})
    public int devices;
  }

  @Setup(Level.Trial)
  public void setUp() {
    JsonObject section = definitions();
    deviceOnly = definitions(section);
    section
        .getJsonArray("mergeRules")
        .add(
            new JsonObject()
                .put("id", 0)
                .put("name", "This device and its linked devices")
                .put("authenticated", "none")
                .put("devices", "linked"));
    linked = definitions(section);
    if (!linked.usesLinkedDevices() || deviceOnly.usesLinkedDevices()) {
      throw new IllegalStateException("merge rules not as intended");
    }
    device = profile(0, linked);
    views = new ArrayList<>();
    for (int d = 1; d <= MAX_LINKED; d++) {
      views.add(
          TraitView.of(
              TraitView.LINKED_DEVICE,
              String.format("%038d", d),
              profile(d, linked),
              linked.segmentTraits(),
              NOW));
    }
    // both must answer something, and the linked devices must change the answer
    int[] alone = deviceAlone();
    int[] merged = ProfileUpdater.evaluateSegments(device, linked, NOW, views);
    if (alone.length == 0 || merged.length <= alone.length) {
      throw new IllegalStateException(
          "device alone in " + alone.length + " segments, merged in " + merged.length);
    }
  }

  @Benchmark
  public int[] deviceAlone() {
    return ProfileUpdater.evaluateSegments(device, deviceOnly, NOW, List.of());
  }

  @Benchmark
  public int[] linkedDevices(Linked l) {
    return ProfileUpdater.evaluateSegments(device, linked, NOW, views.subList(0, l.devices));
  }

  private static Definitions definitions(JsonObject section) {
    DefinitionsSeeder.Seed seed = DefinitionsSeeder.validate(section);
    return new Definitions(
        seed.traits(), seed.segments(), seed.destinations(), Map.of(), seed.mergeRules(), 1);
  }

  /**
   * The demo's traits and segments (node/src/main/resources/demo.json, segment 5007's own merge
   * rule left out so that one rule applies to all), the 100 rule traits of the other benchmarks and
   * 40 segments over them: single traits, AND, OR, NOT, FREQUENCY windows and segment references.
   */
  static JsonObject definitions() {
    JsonArray traits = BenchDefinitions.hundredRuleTraits();
    traits
        .add(rule(1001, "Shoe shoppers", "c_category == \"shoes\"", 120))
        .add(
            rule(
                1002,
                "Sports and running",
                "c_category == \"sports\" OR c_category contains \"running\"",
                120))
        .add(rule(1003, "Big basket", "c_price >= 100", 30))
        .add(partner(2001, "auto-intender"))
        .add(partner(2002, "frequent-flyer"))
        .add(partner(2003, "sports-fan"))
        .add(rule(2004, "Demo partner: shoes buyer", "d_pseg_9001 == \"shoes-buyer\"", 30))
        .add(
            new JsonObject()
                .put("sid", 3001)
                .put("name", "Newsletter click (d_sid)")
                .put("type", "onboarded")
                .put("ttlDays", 0));
    JsonArray segments =
        new JsonArray()
            .add(segment(5001, "1001T"))
            .add(segment(5002, "FREQUENCY([1001T] <= 7D) >= 2"))
            .add(segment(5003, "2001T OR 2002T OR 2003T OR 2004T"))
            .add(segment(5004, "(1002T OR 2003T) AND 1003T"))
            .add(segment(5005, "3001T"))
            .add(segment(5006, "1002T AND 1003T"))
            .add(segment(5007, "1002T AND 1003T"));
    for (int i = 0; i < 40; i++) {
      int a = 10_000 + (i * 7) % 100;
      int b = 10_000 + (i * 13 + 3) % 100;
      int c = 10_000 + (i * 29 + 11) % 100;
      String rule =
          switch (i % 8) {
            case 0 -> a + "T";
            case 1 -> a + "T AND " + b + "T";
            case 2 -> a + "T OR " + b + "T OR " + c + "T";
            case 3 -> "FREQUENCY([" + a + "T] <= 7D) >= 2";
            case 4 -> "FREQUENCY([" + a + "T, " + b + "T] <= 30D) >= 3 AND NOT " + c + "T";
            case 5 -> "(" + a + "T OR " + b + "T) AND 1003T";
            case 6 -> "5001S AND " + a + "T";
            default -> "FREQUENCY([" + a + "T]) >= 5 OR " + b + "T";
          };
      segments.add(segment(6000 + i, rule));
    }
    return new JsonObject()
        .put("traits", traits)
        .put("segments", segments)
        .put("destinations", new JsonArray())
        .put("mergeRules", new JsonArray());
  }

  /**
   * Device {@code d}'s profile: 12 traits (the demo's 1001-1003 on some devices, the rule traits in
   * a rotation that differs per device), each realized 1-4 times over the last days with the day
   * counters the segments' windows keep.
   */
  static Profile profile(int d, Definitions defs) {
    Profile p = new Profile();
    p.setLastSeen(NOW);
    List<Integer> sids = new ArrayList<>();
    if (d % 3 == 0) {
      sids.add(1001);
    }
    if (d % 2 == 1) {
      sids.add(1002);
    }
    if (d % 4 == 2) {
      sids.add(1003);
    }
    for (int i = 0; sids.size() < 12; i++) {
      sids.add(10_000 + (d * 17 + i * 11) % 100);
    }
    for (int k = 0; k < sids.size(); k++) {
      int sid = sids.get(k);
      int ttl = defs.traits().get(sid).ttlDays();
      long first = NOW - (k + 1) * 86_400_000L;
      TraitRecord t = new TraitRecord(sid, first, first, 0, ttl);
      for (int r = 0; r <= (k + d) % 4; r++) {
        t.realize(first + r * 4 * 3_600_000L, ttl, Long.MAX_VALUE, defs.windowDays(sid));
      }
      p.traits().put(sid, t);
    }
    p.setSegments(ProfileUpdater.evaluateSegments(p, defs, NOW, List.of()));
    return p;
  }

  private static JsonObject rule(int sid, String name, String rule, int ttlDays) {
    return new JsonObject()
        .put("sid", sid)
        .put("name", name)
        .put("type", "rule")
        .put("rule", rule)
        .put("ttlDays", ttlDays);
  }

  private static JsonObject partner(int sid, String segment) {
    return new JsonObject()
        .put("sid", sid)
        .put("name", "Demo partner: " + segment)
        .put("type", "partner")
        .put("dpid", 9001)
        .put("segment", segment)
        .put("ttlDays", 30);
  }

  private static JsonObject segment(int id, String rule) {
    return new JsonObject().put("id", id).put("name", "segment " + id).put("rule", rule);
  }
}
