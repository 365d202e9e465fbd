package io.rtdcs.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TraitRuleIndexTest {

  private static Map<String, List<String>> signals(String spec) {
    return Signals.of(spec);
  }

  @Test
  void indexShouldReturnTheSidsWhoseRulesMatchInAscendingOrder() {
    TraitRuleIndex index =
        TraitRuleIndex.of(
            Map.of(
                3001, TraitRule.parse("c_category == 'shoes'"),
                1001, TraitRule.parse("c_price >= 100"),
                2001, TraitRule.parse("c_category == 'hats' OR c_price < 5"),
                4001, TraitRule.parse("d_pseg_9001 == 'auto-intender'")));

    assertThat(index.size()).isEqualTo(4);
    assertThat(index.matching(signals("c_category=shoes; c_price=150")))
        .containsExactly(1001, 3001);
    assertThat(index.matching(signals("c_price=1"))).containsExactly(2001);
    assertThat(index.matching(signals("d_pseg_9001=x|auto-intender"))).containsExactly(4001);
    assertThat(index.matching(signals("c_other=1"))).isEmpty();
    assertThat(index.matching(null)).isEmpty();
    assertThat(index.rule(1001).source()).isEqualTo("c_price >= 100");
    assertThat(index.rule(7)).isNull();
  }

  @Test
  void rulesNoneOfWhoseKeysArePresentShouldNotBeEvaluated() {
    AtomicInteger evaluations = new AtomicInteger();
    TraitRule counting = countingRule(TraitRule.parse("c_a == 1"), evaluations);
    TraitRuleIndex index = TraitRuleIndex.of(Map.of(1, counting));
    evaluations.set(0);

    assertThat(index.matching(signals("c_b=1; c_c=2"))).isEmpty();
    assertThat(evaluations).hasValue(0);
    assertThat(index.matching(signals("c_a=1"))).containsExactly(1);
    assertThat(evaluations).hasValue(1);
  }

  @Test
  void negatedRulesShouldMatchWhenTheirKeysAreAbsent() {
    TraitRuleIndex index =
        TraitRuleIndex.of(
            Map.of(
                1, TraitRule.parse("NOT c_member == 'yes'"),
                2, TraitRule.parse("c_page == 'home' AND NOT c_member == 'yes'")));

    assertThat(index.matching(signals("c_other=1"))).containsExactly(1);
    assertThat(index.matching(signals("c_member=yes"))).isEmpty();
    assertThat(index.matching(signals("c_page=home"))).containsExactly(1, 2);
  }

  @Test
  void indexShouldAgreeWithEvaluatingEveryRuleForManyRulesAndManyKeys() {
    Map<Integer, TraitRule> rules = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      String rule =
          switch (i % 4) {
            case 0 -> "c_k" + i + " == " + i;
            case 1 -> "c_k" + (i - 1) + " >= " + (i - 1) + " AND c_shared contains 'x'";
            case 2 -> "NOT c_k" + i + " == 1";
            default -> "c_shared matcheswords 'x" + i + "'";
          };
      rules.put(5000 + i, TraitRule.parse(rule));
    }
    TraitRuleIndex index = TraitRuleIndex.of(rules);
    Map<String, List<String>> many = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      many.put("c_k" + i, List.of(String.valueOf(i)));
    }
    many.put("c_shared", List.of("x x3 x7"));

    for (Map<String, List<String>> s :
        List.<Map<String, List<String>>>of(many, signals("c_k4=4; c_shared=x"), Map.of())) {
      List<Integer> expected =
          rules.entrySet().stream()
              .filter(e -> e.getValue().matches(s))
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      assertThat(index.matching(s)).isEqualTo(expected);
    }
  }

  @Test
  void emptyIndexShouldMatchNothing() {
    assertThat(TraitRuleIndex.of(Map.of()).matching(signals("c_a=1"))).isEmpty();
    assertThat(TraitRuleIndex.empty().size()).isZero();
  }

  private static TraitRule countingRule(TraitRule rule, AtomicInteger evaluations) {
    return new TraitRule() {
      @Override
      public boolean matches(Map<String, ? extends List<String>> s) {
        evaluations.incrementAndGet();
        return rule.matches(s);
      }

      @Override
      public Set<String> keys() {
        return rule.keys();
      }

      @Override
      public String source() {
        return rule.source();
      }
    };
  }

  @Test
  void theRegexConditionsOfOneCallShouldShareOneBudget() {
    // each evil value makes a polynomial backtracker (no nested quantifier, so the parse-time scan
    // lets it through) read its whole per-match budget; 20 of them are twice the call's budget,
    // so the regex trait evaluated after them finds the budget spent
    TraitRuleIndex index =
        TraitRuleIndex.of(
            Map.of(
                1001, TraitRule.parse("c_q matchesregex 'a.*a.*a.*a.*b'"),
                9001, TraitRule.parse("c_z matchesregex '^z$'")));
    List<String> evil = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      evil.add("a".repeat(300) + i);
    }
    assertThat(20L * RuleLimits.MAX_REGEX_STEPS).isGreaterThan(RuleLimits.MAX_REGEX_STEPS_PER_CALL);

    long start = System.nanoTime();
    List<Integer> matched = index.matching(Map.of("c_q", evil, "c_z", List.of("z")));
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertThat(matched).isEmpty();
    // the next call has a budget of its own, and a rule tested on its own one of a match
    assertThat(index.matching(Map.of("c_z", List.of("z")))).containsExactly(9001);
    assertThat(index.rule(9001).matches(Map.of("c_z", List.of("z")))).isTrue();
    System.out.println("regex budget: 20 evil values and a spent budget in " + ms + " ms");
  }
}
