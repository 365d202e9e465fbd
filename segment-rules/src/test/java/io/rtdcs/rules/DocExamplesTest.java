package io.rtdcs.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of docs/rules.md parse (or are refused) as the page says. */
class DocExamplesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c_category == \"shoes\"",
        "(c_make == \"A\") AND (c_model == \"B\")",
        "(a == \"1\" OR b == \"1\") AND (c == \"new\")",
        "a == \"1\" OR b == \"1\" AND c == \"new\"",
        "price >= 1.00 AND price <= 100.00",
        "c_url startswith \"/shop/\" AND NOT c_url contains \"/sale/\"",
        "d_pseg_9001 == \"auto-intender\"",
        "h_user-agent matchesregex \"(?i)iphone|android\"",
        "c_q matcheswords \"red shoes\"",
        "c_q matchesregex \"^\\d+$\""
      })
  void documentedTraitRulesShouldParse(String rule) {
    assertThat(TraitRule.parse(rule).source()).isEqualTo(rule);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1001T",
        "1001T AND NOT 2001T",
        "(1001T OR 1002T) AND 5001S",
        "FREQUENCY([1001T, 1002T] <= 7D) >= 3",
        "(frequency([1000T] <= 2D) >= 5)",
        "FREQUENCY([1T] >= 30D) >= 1 AND NOT FREQUENCY([1T] <= 30D) >= 1",
        "FREQUENCY([1T]) <= 3 AND 2T",
        "(FREQUENCY([1000T] <= 2D) <= 5) AND FREQUENCY([1000T] <= 2D) >= 1",
        "FREQUENCY([1T] <= 7D) == 0 AND 2T",
        "1T AND NOT 2T"
      })
  void documentedSegmentRulesShouldParse(String rule) {
    assertThat(SegmentRule.parse(rule).source()).isEqualTo(rule);
  }

  @Test
  void documentedErrorMessageShouldReadAsShown() {
    assertThatThrownBy(() -> TraitRule.parse("c_a == \"1\" AND (c_b == \"2\""))
        .hasMessage(
            "syntax error at position 26: expected ')', AND or OR, found end of rule in: c_a =="
                + " \"1\" AND (c_b == \"2\"");
  }

  @Test
  void regexSourceShouldKeepBackslashesThatEscapeNothing() {
    TraitRule rule = TraitRule.parse("c_q matchesregex \"^\\d+$\"");

    assertThat(rule.matches(Map.of("c_q", List.of("123")))).isTrue();
    assertThat(rule.matches(Map.of("c_q", List.of("12a")))).isFalse();
  }

  @Test
  void lapsedVisitorExampleShouldNeedAnOldRealizationAndNoRecentOne() {
    SegmentRule rule =
        SegmentRule.parse("FREQUENCY([1T] >= 30D) >= 1 AND NOT FREQUENCY([1T] <= 30D) >= 1");
    long now = 100 * RecordedHistory.DAY;

    assertThat(rule.matches(new RecordedHistory().realize(1, now - 40 * RecordedHistory.DAY), now))
        .isTrue();
    assertThat(
            rule.matches(
                new RecordedHistory()
                    .realize(1, now - 40 * RecordedHistory.DAY)
                    .realize(1, now - RecordedHistory.DAY),
                now))
        .isFalse();
  }

  @Test
  void aTraitListedTwiceInOneBracketShouldCountOnce() {
    SegmentRule rule = SegmentRule.parse("FREQUENCY([1T, 1T]) >= 2");

    assertThat(rule.matches(new RecordedHistory().realize(1, 0), 0)).isFalse();
    assertThat(rule.matches(new RecordedHistory().realize(1, 0, 2), 0)).isTrue();
  }
}
