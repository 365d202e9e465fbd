package io.rtdcs.rules;

import static io.rtdcs.rules.RecordedHistory.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentRuleTest {

  /** 2026-11-29T00:00:00Z, a UTC midnight. */
  private static final long MIDNIGHT = Instant.parse("2026-11-29T00:00:00Z").toEpochMilli();

  private static final long NOW = MIDNIGHT + 12 * 3_600_000L;

  @Test
  void traitReferenceAloneShouldMeanTheTraitIsLive() {
    SegmentRule rule = SegmentRule.parse("1001T");

    assertThat(rule.matches(new RecordedHistory().realize(1001, NOW), NOW)).isTrue();
    assertThat(rule.matches(new RecordedHistory().realize(1002, NOW), NOW)).isFalse();
    assertThat(rule.traits()).containsExactly(1001);
    assertThat(rule.segments()).isEmpty();
    assertThat(rule.longestWindowDays()).isZero();
    assertThat(rule.source()).isEqualTo("1001T");
  }

  @ParameterizedTest(name = "{0} with traits [{1}] segments [{2}] -> {3}")
  @CsvSource(
      delimiter = '~',
      nullValues = "-",
      textBlock =
          """
          1T AND 2T                 ~ 1,2 ~ -    ~ true
          1T AND 2T                 ~ 1   ~ -    ~ false
          1T and 2t                 ~ 1,2 ~ -    ~ true
          1T OR 2T                  ~ 2   ~ -    ~ true
          1T OR 2T                  ~ 3   ~ -    ~ false
          1T AND NOT 2T             ~ 1   ~ -    ~ true
          1T AND NOT 2T             ~ 1,2 ~ -    ~ false
          1T OR 2T AND 3T           ~ 1   ~ -    ~ true
          1T OR 2T AND 3T           ~ 2   ~ -    ~ false
          (1T OR 2T) AND 3T         ~ 1   ~ -    ~ false
          (1T OR 2T) AND 3T         ~ 2,3 ~ -    ~ true
          1T AND (NOT 2T OR 3T)     ~ 1,2 ~ -    ~ false
          1T AND (NOT 2T OR 3T)     ~ 1,2,3 ~ -  ~ true
          5001S                     ~ -   ~ 5001 ~ true
          5001S                     ~ 1   ~ 5002 ~ false
          1T AND NOT 5001S          ~ 1   ~ 5001 ~ false
          1T AND NOT 5001S          ~ 1   ~ -    ~ true
          """)
  void booleanOperatorsShouldCombineTraitsAndSegments(
      String rule, String traits, String segments, boolean expected) {
    RecordedHistory history = new RecordedHistory();
    if (traits != null) {
      for (String t : traits.split(",")) {
        history.realize(Integer.parseInt(t.trim()), NOW);
      }
    }
    if (segments != null) {
      for (String s : segments.split(",")) {
        history.addSegments(Integer.parseInt(s.trim()));
      }
    }
    assertThat(SegmentRule.parse(rule).matches(history, NOW)).isEqualTo(expected);
  }

  @Test
  void frequencyWithoutRecencyShouldCountEveryLiveRealizationSummedOverTheBracket() {
    SegmentRule rule = SegmentRule.parse("FREQUENCY([1T, 2T]) >= 3");
    RecordedHistory history = new RecordedHistory().realize(1, NOW - 400 * DAY).realize(2, NOW);

    assertThat(rule.matches(history, NOW)).isFalse();
    history.realize(2, NOW + 10 * DAY);
    assertThat(rule.matches(history, NOW)).isTrue();
    assertThat(rule.longestWindowDays()).isZero();
  }

  @Test
  void recencyWithinShouldCountTheLastNUtcDaysIncludingToday() {
    SegmentRule rule = SegmentRule.parse("FREQUENCY([1000T] <= 2D) >= 2");
    // one realization yesterday 23:59 UTC, one today 00:01 UTC
    RecordedHistory history =
        new RecordedHistory().realize(1000, MIDNIGHT - 60_000).realize(1000, MIDNIGHT + 60_000);

    assertThat(rule.matches(history, MIDNIGHT + 60_000)).isTrue();
    // at the last millisecond of today both are inside [yesterday, today]; at midnight the window
    // becomes [today, tomorrow] and yesterday's realization drops out
    assertThat(rule.matches(history, MIDNIGHT + DAY - 1)).isTrue();
    assertThat(rule.matches(history, MIDNIGHT + DAY)).isFalse();
    assertThat(rule.longestWindowDays()).isEqualTo(2);
  }

  @Test
  void recencyWithinOneDayShouldMeanTodayOnlyAndFlipAtUtcMidnight() {
    SegmentRule rule = SegmentRule.parse("frequency([7T] <= 1D) >= 1");
    RecordedHistory history = new RecordedHistory().realize(7, MIDNIGHT - 1);

    assertThat(rule.matches(history, MIDNIGHT - 1)).isTrue();
    assertThat(rule.matches(history, MIDNIGHT)).isFalse();
  }

  @Test
  void recencyEarlierShouldCountOnlyRealizationsAtLeastNDaysAgo() {
    SegmentRule rule = SegmentRule.parse("FREQUENCY([1T] >= 7D) >= 1");
    RecordedHistory history = new RecordedHistory().realize(1, MIDNIGHT + 1000);

    assertThat(rule.matches(history, MIDNIGHT + 6 * DAY + 86_399_999L)).isFalse();
    assertThat(rule.matches(history, MIDNIGHT + 7 * DAY)).isTrue();
    assertThat(rule.longestWindowDays()).isEqualTo(7);
  }

  @Test
  void withinAndEarlierWindowsShouldPartitionTheHistory() {
    RecordedHistory history = new RecordedHistory();
    for (int d = 0; d < 20; d++) {
      history.realize(1, MIDNIGHT - d * DAY + 5);
    }
    SegmentRule within = SegmentRule.parse("FREQUENCY([1T] <= 7D) == 7");
    SegmentRule earlier = SegmentRule.parse("FREQUENCY([1T] >= 7D) == 13 AND 1T");

    assertThat(within.matches(history, NOW)).isTrue();
    assertThat(earlier.matches(history, NOW)).isTrue();
  }

  @Test
  void frequencyShouldAskTheHistoryForTheDocumentedDayRanges() {
    RecordedHistory history = new RecordedHistory().realize(1, NOW);
    long today = Math.floorDiv(NOW, DAY);

    SegmentRule.parse("FREQUENCY([1T] <= 3D) >= 1").matches(history, NOW);
    SegmentRule.parse("FREQUENCY([1T] >= 3D) >= 1").matches(history, NOW);
    SegmentRule.parse("FREQUENCY([1T]) >= 1").matches(history, NOW);

    assertThat(history.countCalls)
        .containsExactly(
            new long[] {1, today - 2, today},
            new long[] {1, Long.MIN_VALUE, today - 3},
            new long[] {1, Long.MIN_VALUE, Long.MAX_VALUE});
  }

  @Test
  void frequencyCapShouldWorkWhenPairedWithARealizationRequirement() {
    SegmentRule rule =
        SegmentRule.parse("(FREQUENCY([1000T] <= 2D) <= 5) AND FREQUENCY([1000T] <= 2D) >= 1");
    RecordedHistory history = new RecordedHistory();

    assertThat(rule.matches(history, NOW)).isFalse();
    history.realize(1000, NOW, 5);
    assertThat(rule.matches(history, NOW)).isTrue();
    history.realize(1000, NOW);
    assertThat(rule.matches(history, NOW)).isFalse();
  }

  @Test
  void longestWindowShouldBeTheLargestRecencyUsed() {
    SegmentRule rule =
        SegmentRule.parse(
            "FREQUENCY([1T] <= 3D) >= 1 OR FREQUENCY([2T] >= 30D) >= 2 OR FREQUENCY([3T]) > 9 OR 9S");

    assertThat(rule.longestWindowDays()).isEqualTo(30);
    assertThat(rule.traits()).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(rule.segments()).containsExactly(9);
  }

  @ParameterizedTest(name = "{0} is refused at {1}")
  @CsvSource(
      delimiter = '~',
      textBlock =
          """
          FREQUENCY([1T]) <= 3                       ~ 0
          FREQUENCY([1T] <= 7D) == 0                 ~ 0
          FREQUENCY([1T] <= 7D) < 2                  ~ 0
          2T OR FREQUENCY([1T]) <= 3                 ~ 6
          NOT 1T                                     ~ 0
          FREQUENCY([1T]) >= 0                       ~ 0
          """)
  void rulesThatMatchVisitorsWithoutRealizationsShouldBeRefused(String rule, int position) {
    assertThatThrownBy(() -> SegmentRule.parse(rule))
        .isInstanceOf(RuleSyntaxException.class)
        .satisfies(
            e -> {
              assertThat(((RuleSyntaxException) e).position()).isEqualTo(position);
              assertThat(((RuleSyntaxException) e).expected()).contains("requires a realization");
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '~',
      textBlock =
          """
          FREQUENCY([1T]) <= 3 AND 2T
          FREQUENCY([1T]) <= 3 AND FREQUENCY([1T]) >= 1
          FREQUENCY([1T] <= 7D) == 0 AND 2T
          1T AND NOT 2T
          """)
  void frequencyCapsAndedWithARequirementShouldBeAccepted(String rule) {
    assertThat(SegmentRule.parse(rule).source()).isEqualTo(rule);
  }

  @ParameterizedTest(name = "{0} -> position {1}")
  @CsvSource(
      delimiter = '~',
      textBlock =
          """
          1T AND                               ~ 6
          (1T OR 2T                            ~ 9
          1T 2T                                ~ 3
          123                                  ~ 0
          0T                                   ~ 0
          99999999999T                         ~ 0
          FREQUENCY[1T]) >= 1                  ~ 9
          FREQUENCY([]) >= 1                   ~ 11
          FREQUENCY([1T,]) >= 1                ~ 14
          FREQUENCY([1T 2T]) >= 1              ~ 14
          FREQUENCY([1T] <= 0D) >= 1           ~ 18
          FREQUENCY([1T] <= 7) >= 1            ~ 18
          FREQUENCY([1T] <= 3651D) >= 1        ~ 18
          FREQUENCY([1T] == 7D) >= 1           ~ 15
          FREQUENCY([1T]) 1                    ~ 16
          FREQUENCY([1T]) >= x                 ~ 19
          FREQUENCY([1T]) >= 1.5               ~ 19
          FREQUENCY([1T]) >= 1000000001        ~ 19
          FREQUENCY([1T] <= 7D >= 1            ~ 21
          1T AND "x"                           ~ 7
          ''                                   ~ 0
          """)
  void malformedRulesShouldNameThePositionOfTheError(String rule, int position) {
    assertThatThrownBy(() -> SegmentRule.parse(rule))
        .isInstanceOf(RuleSyntaxException.class)
        .extracting(e -> ((RuleSyntaxException) e).position())
        .isEqualTo(position);
  }
}
