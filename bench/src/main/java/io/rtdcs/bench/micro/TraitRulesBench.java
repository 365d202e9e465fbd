package io.rtdcs.bench.micro;

import io.rtdcs.rules.TraitRule;
import io.rtdcs.rules.TraitRuleIndex;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Trait-rule evaluation per call: 100 compiled rules ({@link BenchDefinitions#hundredRuleTraits})
 * in a {@link TraitRuleIndex}, against the signals of one typical call (6 signals plus the header
 * keys) and of a call touching every indexed key. Run: {@code java -jar
 * bench/target/rtdcs-bench.jar TraitRulesBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TraitRulesBench {
  final TraitRuleIndex index;
  final Map<String, List<String>> typical = new LinkedHashMap<>();
  final Map<String, List<String>> everyKey = new LinkedHashMap<>();

  public TraitRulesBench() {
    Map<Integer, TraitRule> rules = new HashMap<>();
    for (Object o : BenchDefinitions.hundredRuleTraits()) {
      JsonObject t = (JsonObject) o;
      rules.put(t.getInteger("sid"), TraitRule.parse(t.getString("rule")));
    }
    index = TraitRuleIndex.of(rules);
    typical.put("c_category", List.of("shoes"));
    typical.put("c_brand", List.of("acme"));
    typical.put("c_price", List.of("120"));
    typical.put("c_color", List.of("red"));
    typical.put("c_size", List.of("42", "43"));
    typical.put("c_logged", List.of("yes"));
    typical.put(
        "h_user-agent",
        List.of(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120"));
    typical.put("h_referer", List.of("https://shop.example.com/shoes/running?color=red"));
    everyKey.putAll(typical);
    everyKey.put("c_page", List.of("/shoes/running/red"));
    everyKey.put("c_q", List.of("cheap red shoes for running"));
  }

  @Benchmark
  public List<Integer> hundredRulesTypicalCall() {
    return index.matching(typical);
  }

  @Benchmark
  public List<Integer> hundredRulesEveryKeyPresent() {
    return index.matching(everyKey);
  }
}
