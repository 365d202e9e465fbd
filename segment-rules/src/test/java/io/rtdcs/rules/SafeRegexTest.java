package io.rtdcs.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeRegexTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(a+)+",
        "(a*)*b",
        "^(\\w+\\s?)*$",
        "(x+x+)+y",
        "((ab)*)+",
        "(?:a+)+",
        "(a+){2,}",
        "(a|b+)*",
        "(.*a){20}",
        "(a)\\1",
        "(?<n>a)\\k<n>"
      })
  void dangerousPatternsShouldBeRefusedAtParseTime(String regex) {
    assertThat(SafeRegex.findUnsafeConstruct(regex)).isNotNull();
    assertThatThrownBy(() -> TraitRule.parse("c_q matchesregex '" + regex + "'"))
        .isInstanceOf(RuleSyntaxException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "^sho+es$",
        "(abc)+",
        "(foo|bar)+",
        "[a-z]+(\\.[a-z]+)?",
        "(a+)?",
        "(\\d+){1}",
        "a*?b+?",
        "[(+*]+",
        "\\(a+\\)+",
        "\\Q(a+)+\\E",
        "(?i)shoes",
        "(?<year>\\d{4})-\\d{2}",
        "(?=a)a+"
      })
  void ordinaryPatternsShouldBeAccepted(String regex) {
    assertThat(SafeRegex.findUnsafeConstruct(regex)).isNull();
    assertThat(TraitRule.parse("c_q matchesregex '" + regex + "'").keys()).containsExactly("c_q");
  }

  @Test
  void patternsLongerThanTheLimitShouldBeRefused() {
    String ok = "a".repeat(RuleLimits.MAX_REGEX_LENGTH);
    String tooLong = ok + "a";

    assertThat(TraitRule.parse("c_q matchesregex '" + ok + "'")).isNotNull();
    assertThatThrownBy(() -> TraitRule.parse("c_q matchesregex '" + tooLong + "'"))
        .isInstanceOfSatisfying(
            RuleSyntaxException.class,
            e -> assertThat(e.expected()).contains("at most " + RuleLimits.MAX_REGEX_LENGTH));
  }

  @Test
  void valuesLongerThanTheInputLimitShouldNeverMatchARegex() {
    TraitRule rule = TraitRule.parse("c_q matchesregex 'a'");
    String atLimit = "a".repeat(RuleLimits.MAX_REGEX_INPUT_LENGTH);

    assertThat(rule.matches(Map.of("c_q", List.of(atLimit)))).isTrue();
    assertThat(rule.matches(Map.of("c_q", List.of(atLimit + "a")))).isFalse();
    assertThat(rule.matches(Map.of("c_q", List.of(atLimit + "a", "a")))).isTrue();
  }

  @Test
  @Timeout(5)
  void catastrophicPatternsTheScanMissesShouldBeCutOffByTheStepBudget() {
    // (a|a)* backtracks exponentially on "aaa...a!" and has no nested quantifier
    TraitRule rule = TraitRule.parse("c_q matchesregex '^(a|a)*$'");
    Map<String, List<String>> evil = Map.of("c_q", List.of("a".repeat(60) + "!"));

    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      assertThat(rule.matches(evil)).isFalse();
    }
    Duration perCall = Duration.ofNanos((System.nanoTime() - start) / 20);

    assertThat(perCall).isLessThan(Duration.ofMillis(50));
    assertThat(rule.matches(Map.of("c_q", List.of("aaaa")))).isTrue();
  }

  @Test
  void regexShouldBeSearchedAnywhereInTheValueUnlessAnchored() {
    assertThat(
            TraitRule.parse("c_q matchesregex 'shoe'").matches(Map.of("c_q", List.of("x shoe y"))))
        .isTrue();
    assertThat(
            TraitRule.parse("c_q matchesregex '^shoe$'")
                .matches(Map.of("c_q", List.of("x shoe y"))))
        .isFalse();
  }
}
