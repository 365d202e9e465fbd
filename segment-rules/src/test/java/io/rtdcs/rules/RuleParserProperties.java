package io.rtdcs.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** The parsers answer any input with a rule or a RuleSyntaxException; evaluation never throws. */
class RuleParserProperties {

  private static final List<String> TRAIT_TOKENS =
      List.of(
          "c_a",
          "c_b",
          "d_pseg_9001",
          "price-1",
          "x.y",
          "123",
          "==",
          "!=",
          "<",
          "<=",
          ">",
          ">=",
          "=>",
          "=",
          "!",
          "contains",
          "startswith",
          "endswith",
          "matcheswords",
          "matchesregex",
          "MatchesRegex",
          "\"1\"",
          "'shoes'",
          "\"a b\"",
          "\"(a+)+\"",
          "\"(a|a)*$\"",
          "\"[\"",
          "\"^\\\\d+$\"",
          "\"\"",
          "\"",
          "'",
          "1",
          "-2.5",
          "1e5",
          "x",
          "AND",
          "and",
          "OR",
          "NOT",
          "AND NOT",
          "(",
          ")",
          "((",
          "))",
          "[",
          "]",
          ",",
          "#",
          "\\");

  private static final List<String> SEGMENT_TOKENS =
      List.of(
          "1T",
          "2t",
          "0T",
          "99999999999T",
          "5001S",
          "7D",
          "0D",
          "1D",
          "3651D",
          "FREQUENCY",
          "frequency",
          "(",
          ")",
          "[",
          "]",
          ",",
          "<=",
          ">=",
          "=>",
          "==",
          "<",
          ">",
          "!=",
          "0",
          "1",
          "3",
          "1.5",
          "AND",
          "OR",
          "NOT",
          "AND NOT",
          "x",
          "\"1T\"",
          "#");

  @Property(tries = 2000)
  void traitParseShouldReturnARuleOrThrowOnlyASyntaxErrorForAnyString(
      @ForAll @StringLength(max = 80) String source) {
    checkTrait(source);
  }

  @Property(tries = 2000)
  void segmentParseShouldReturnARuleOrThrowOnlyASyntaxErrorForAnyString(
      @ForAll @StringLength(max = 80) String source) {
    checkSegment(source);
  }

  @Property(tries = 3000)
  void traitParseShouldCopeWithAnySequenceOfGrammarTokens(
      @ForAll("traitSources") String source, @ForAll("signalMaps") Map<String, List<String>> s) {
    TraitRule rule = checkTrait(source);
    if (rule != null) {
      rule.matches(s);
      assertThat(rule.source()).isEqualTo(source);
      assertThat(TraitRuleIndex.of(Map.of(1, rule)).matching(s))
          .isEqualTo(rule.matches(s) ? List.of(1) : List.of());
    }
  }

  @Property(tries = 3000)
  void segmentParseShouldCopeWithAnySequenceOfGrammarTokens(
      @ForAll("segmentSources") String source,
      @ForAll("histories") RecordedHistory history,
      @ForAll long nowMillis) {
    SegmentRule rule = checkSegment(source);
    if (rule != null) {
      rule.matches(history, nowMillis);
      assertThat(rule.matches(new RecordedHistory(), nowMillis)).isFalse();
      assertThat(rule.longestWindowDays()).isBetween(0, RuleLimits.MAX_RECENCY_DAYS);
    }
  }

  private static TraitRule checkTrait(String source) {
    try {
      return TraitRule.parse(source);
    } catch (RuleSyntaxException e) {
      assertThat(e.position()).isBetween(0, Math.max(source.length(), 0));
      return null;
    }
  }

  private static SegmentRule checkSegment(String source) {
    try {
      return SegmentRule.parse(source);
    } catch (RuleSyntaxException e) {
      assertThat(e.position()).isBetween(0, Math.max(source.length(), 0));
      return null;
    }
  }

  @Provide
  Arbitrary<String> traitSources() {
    return joined(TRAIT_TOKENS, 12);
  }

  @Provide
  Arbitrary<String> segmentSources() {
    return joined(SEGMENT_TOKENS, 16);
  }

  private static Arbitrary<String> joined(List<String> tokens, int maxTokens) {
    Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "", "\t");
    return Arbitraries.of(tokens)
        .flatMap(t -> separator.map(sep -> t + sep))
        .list()
        .ofMaxSize(maxTokens)
        .map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<Map<String, List<String>>> signalMaps() {
    Arbitrary<String> keys = Arbitraries.of("c_a", "c_b", "d_pseg_9001", "price-1", "x.y", "zz");
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.of("1", "-2.5", "shoes", "a b", "", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa!"),
            Arbitraries.strings().ofMaxLength(20),
            Arbitraries.strings().withChars('a').ofMinLength(1000).ofMaxLength(1100));
    return Arbitraries.maps(keys, values.list().ofMaxSize(3)).ofMaxSize(4).map(HashMap::new);
  }

  @Provide
  Arbitrary<RecordedHistory> histories() {
    Arbitrary<Integer> sids = Arbitraries.of(1, 2, 3);
    Arbitrary<Long> times = Arbitraries.longs();
    return Arbitraries.entries(sids, times)
        .list()
        .ofMaxSize(6)
        .map(
            entries -> {
              RecordedHistory h = new RecordedHistory();
              entries.forEach(e -> h.realize(e.getKey(), e.getValue()));
              return h;
            });
  }
}
