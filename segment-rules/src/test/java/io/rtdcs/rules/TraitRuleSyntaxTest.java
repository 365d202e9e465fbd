package io.rtdcs.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraitRuleSyntaxTest {

  @ParameterizedTest(name = "{0} -> position {1}, expected {2}")
  @CsvSource(
      delimiter = '~',
      textBlock =
          """
          c_a == "1" AND (c_b == "2"               ~ 26 ~ ')'
          c_a == "1" c_b == "2"                    ~ 11 ~ AND, OR or end of rule
          c_a = "1"                                ~ 4  ~ '==' or '=>'
          c_a ! "1"                                ~ 4  ~ '!='
          c_a == "1                                ~ 9  ~ closing "
          c_a                                      ~ 3  ~ an operator
          c_a ==                                   ~ 6  ~ a value
          c_a == AND                               ~ 7  ~ a value
          c_a equals "1"                           ~ 4  ~ an operator
          123 == "1"                               ~ 0  ~ a signal key
          "c_a" == "1"                             ~ 0  ~ a signal key
          price!123 == 1                           ~ 5  ~ '!='
          c_a == 1 AND                             ~ 12 ~ a signal key
          c_a == 1 OR OR c_b == 1                  ~ 12 ~ a signal key
          AND c_a == 1                             ~ 0  ~ a signal key
          c_a == 1)                                ~ 8  ~ AND, OR or end of rule
          ()                                       ~ 1  ~ a signal key
          c_a < "abc"                              ~ 6  ~ a number after '<'
          c_a >= x                                 ~ 7  ~ a number after '>='
          c_a matcheswords "  "                    ~ 17 ~ at least one word
          c_a matchesregex "(a"                    ~ 17 ~ a valid regular expression
          c_a matchesregex "(a+)+b"                ~ 17 ~ nested quantifiers
          c_a matchesregex "(a)\\\\1"              ~ 17 ~ back-references
          c_a == 1 # c                             ~ 9  ~ not '#'
          """)
  void malformedRulesShouldNameThePositionAndWhatWasExpected(
      String rule, int position, String expected) {
    assertThatThrownBy(() -> TraitRule.parse(rule))
        .isInstanceOfSatisfying(
            RuleSyntaxException.class,
            e -> {
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.expected()).contains(expected);
              assertThat(e.getMessage()).contains("position " + position);
            });
  }

  @Test
  void nullAndEmptyRulesShouldBeSyntaxErrors() {
    assertThatThrownBy(() -> TraitRule.parse(null)).isInstanceOf(RuleSyntaxException.class);
    assertThatThrownBy(() -> TraitRule.parse("")).isInstanceOf(RuleSyntaxException.class);
    assertThatThrownBy(() -> SegmentRule.parse(null)).isInstanceOf(RuleSyntaxException.class);
    assertThatThrownBy(() -> SegmentRule.parse(" \t"))
        .isInstanceOfSatisfying(
            RuleSyntaxException.class, e -> assertThat(e.position()).isEqualTo(2));
  }

  @Test
  void overLongRulesShouldBeRefusedWithoutEchoingThemWhole() {
    String longRule = "c_a == 1 OR ".repeat(400) + "c_a == 1";

    assertThat(longRule.length()).isGreaterThan(RuleLimits.MAX_SOURCE_LENGTH);
    assertThatThrownBy(() -> TraitRule.parse(longRule))
        .isInstanceOfSatisfying(
            RuleSyntaxException.class,
            e -> {
              assertThat(e.position()).isEqualTo(RuleLimits.MAX_SOURCE_LENGTH);
              assertThat(e.getMessage().length()).isLessThan(300);
            });
  }

  @Test
  void longFlatChainsWithinTheLengthLimitShouldParse() {
    String rule = "c_a == 1 OR ".repeat(300) + "c_b == 2";

    assertThat(TraitRule.parse(rule).matches(Map.of("c_b", List.of("2")))).isTrue();
  }

  @Test
  void nestingUpToTheLimitShouldParseAndDeeperShouldBeASyntaxError() {
    int max = RuleLimits.MAX_NESTING;
    String ok = "(".repeat(max) + "c_a == 1" + ")".repeat(max);
    String tooDeep = "(".repeat(max + 1) + "c_a == 1" + ")".repeat(max + 1);
    String manyNots = "NOT ".repeat(max + 1) + "c_a == 1";

    assertThat(TraitRule.parse(ok).matches(Map.of("c_a", List.of("1")))).isTrue();
    assertThatThrownBy(() -> TraitRule.parse(tooDeep))
        .isInstanceOfSatisfying(
            RuleSyntaxException.class, e -> assertThat(e.position()).isEqualTo(max));
    assertThatThrownBy(() -> TraitRule.parse(manyNots)).isInstanceOf(RuleSyntaxException.class);
    assertThatThrownBy(() -> TraitRule.parse("(".repeat(4000)))
        .isInstanceOf(RuleSyntaxException.class);
    assertThatThrownBy(() -> SegmentRule.parse("(".repeat(4000) + "1T"))
        .isInstanceOf(RuleSyntaxException.class);
  }

  @Test
  void keywordsAndNamedOperatorsShouldIgnoreCase() {
    TraitRule rule = TraitRule.parse("c_a StartsWith 'x' and not c_b ENDSWITH 'y' Or c_c == 1");

    assertThat(rule.matches(Map.of("c_a", List.of("xa")))).isTrue();
    assertThat(rule.matches(Map.of("c_a", List.of("xa"), "c_b", List.of("ay")))).isFalse();
    assertThat(rule.matches(Map.of("c_c", List.of("1")))).isTrue();
  }

  @Test
  void keysShouldListEverySignalKeyTheRuleReadsAndSourceShouldBeKept() {
    String source = "(c_make==\"A\") AND (c_model==\"B\" OR NOT c_make == 'C')";
    TraitRule rule = TraitRule.parse(source);

    assertThat(rule.keys()).containsExactly("c_make", "c_model");
    assertThat(rule.source()).isEqualTo(source);
  }

  @Test
  void evaluationShouldTolerateNullsAndNonStringValues() {
    TraitRule rule = TraitRule.parse("c_a == 1");
    Map<String, List<String>> withNull = new java.util.HashMap<>();
    withNull.put("c_a", null);
    List<String> nullValue = new java.util.ArrayList<>();
    nullValue.add(null);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, List<String>> numbers = (Map) Map.of("c_a", List.of(1));

    assertThat(rule.matches(null)).isFalse();
    assertThat(rule.matches(withNull)).isFalse();
    assertThat(rule.matches(Map.of("c_a", nullValue))).isFalse();
    assertThat(TraitRule.parse("c_a != 1").matches(Map.of("c_a", nullValue))).isFalse();
    assertThat(rule.matches(numbers)).isTrue();
  }
}
