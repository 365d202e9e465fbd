package io.rtdcs.rules;

import io.rtdcs.rules.RuleToken.Kind;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Parses segment rules into a {@link CompiledSegmentRule}.
 *
 * <pre>
 * leaf      := TRAIT | SEGMENT | frequency
 * TRAIT     := digits 'T'   (123T: the trait is live)
 * SEGMENT   := digits 'S'   (5001S: the visitor is in that segment)
 * frequency := FREQUENCY '(' '[' TRAIT (',' TRAIT)* ']' [ recencyOp DAYS ] ')' freqOp COUNT
 * recencyOp := &lt;= | &gt;= | =&gt;
 * DAYS      := digits 'D'   (1..3650)
 * freqOp    := &gt;= | =&gt; | &lt;= | == | &gt; | &lt;
 * COUNT     := digits       (0..1,000,000,000)
 * </pre>
 *
 * A rule that an empty profile satisfies (a bare {@code FREQUENCY(...) <= k}, {@code == 0}, {@code
 * NOT 1T}, ...) is refused: it would qualify visitors who never realized any of its traits.
 */
final class SegmentRuleParser extends BooleanRuleParser<SegmentContext> {

  private static final TraitHistory EMPTY =
      new TraitHistory() {
        @Override
        public boolean isLive(int sid) {
          return false;
        }

        @Override
        public long count(int sid, long fromDay, long toDay) {
          return 0;
        }

        @Override
        public boolean inSegment(int segmentId) {
          return false;
        }
      };

  private final Set<Integer> traits = new LinkedHashSet<>();
  private final Set<Integer> segments = new LinkedHashSet<>();
  private int longestWindowDays;
  private int firstZeroMatchingFrequency = -1;

  private SegmentRuleParser(String source) {
    super(source);
  }

  static SegmentRule parse(String source) {
    SegmentRuleParser parser = new SegmentRuleParser(source);
    Condition<SegmentContext> condition = parser.parseRule();
    if (condition.test(new SegmentContext(EMPTY, 0))) {
      int position = Math.max(parser.firstZeroMatchingFrequency, 0);
      throw new RuleSyntaxException(
          source,
          position,
          "a condition that requires a realization: this rule matches visitors who never realized"
              + " its traits; AND it with a trait (123T) or FREQUENCY([...]) >= 1");
    }
    return new CompiledSegmentRule(
        source, condition, parser.traits, parser.segments, parser.longestWindowDays);
  }

  @Override
  protected String leafDescription() {
    return "a trait (123T), a segment (5001S) or FREQUENCY";
  }

  @Override
  protected Condition<SegmentContext> parseLeaf() {
    RuleToken token = peek();
    if (token.isKeyword("FREQUENCY")) {
      return parseFrequency();
    }
    if (token.is(Kind.WORD) && token.text().length() > 1) {
      char suffix = Character.toUpperCase(token.text().charAt(token.text().length() - 1));
      if (suffix == 'T') {
        int sid = parseTraitRef(token);
        return context -> context.history().isLive(sid);
      }
      if (suffix == 'S') {
        int id = parseId(token, 'S', "a segment reference like 5001S");
        next();
        segments.add(id);
        return context -> context.history().inSegment(id);
      }
    }
    throw error(token, leafDescription());
  }

  private int parseTraitRef(RuleToken token) {
    if (!token.is(Kind.WORD)) {
      throw error(token, "a trait reference like 123T");
    }
    int sid = parseId(token, 'T', "a trait reference like 123T");
    next();
    traits.add(sid);
    return sid;
  }

  /** Digits then the suffix letter (any case); the number in 1..Integer.MAX_VALUE. */
  private int parseId(RuleToken token, char suffix, String expected) {
    String text = token.text();
    int n = text.length();
    if (n < 2 || Character.toUpperCase(text.charAt(n - 1)) != suffix || n - 1 > 10) {
      throw error(token, expected);
    }
    long value = 0;
    for (int i = 0; i < n - 1; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw error(token, expected);
      }
      value = value * 10 + (c - '0');
    }
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw error(token, expected + " with an id from 1 to " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  private Condition<SegmentContext> parseFrequency() {
    RuleToken keyword = next();
    expect(Kind.LEFT_PAREN, "'(' after FREQUENCY");
    expect(Kind.LEFT_BRACKET, "'[' opening the trait list");
    Set<Integer> sids = new LinkedHashSet<>();
    sids.add(parseTraitRef(peek()));
    while (peek().is(Kind.COMMA)) {
      next();
      sids.add(parseTraitRef(peek()));
    }
    expect(Kind.RIGHT_BRACKET, "',' or ']' closing the trait list");
    FrequencyCondition.Recency recency = FrequencyCondition.Recency.ALL;
    int days = 0;
    RuleToken recencyOp = peek();
    if (recencyOp.is(Kind.OPERATOR)) {
      recency =
          switch (recencyOp.text()) {
            case "<=" -> FrequencyCondition.Recency.WITHIN;
            case ">=", "=>" -> FrequencyCondition.Recency.BEFORE;
            default -> throw error(recencyOp, "a recency operator <= or >=");
          };
      next();
      days = parseDays(peek());
      next();
      longestWindowDays = Math.max(longestWindowDays, days);
    }
    expect(Kind.RIGHT_PAREN, "a recency (<= 7D or >= 7D) or ')'");
    RuleToken opToken = peek();
    FrequencyCondition.Comparison comparison = comparison(opToken);
    next();
    long k = parseCount(peek());
    next();
    int[] ids = sids.stream().mapToInt(Integer::intValue).toArray();
    FrequencyCondition condition = new FrequencyCondition(ids, recency, days, comparison, k);
    if (condition.matchesZero() && firstZeroMatchingFrequency < 0) {
      firstZeroMatchingFrequency = keyword.position();
    }
    return condition;
  }

  private FrequencyCondition.Comparison comparison(RuleToken token) {
    if (token.is(Kind.OPERATOR)) {
      switch (token.text()) {
        case ">=", "=>":
          return FrequencyCondition.Comparison.AT_LEAST;
        case "<=":
          return FrequencyCondition.Comparison.AT_MOST;
        case "==":
          return FrequencyCondition.Comparison.EXACTLY;
        case ">":
          return FrequencyCondition.Comparison.MORE;
        case "<":
          return FrequencyCondition.Comparison.LESS;
        default:
          break;
      }
    }
    throw error(token, "a frequency operator (>= <= == > <) after FREQUENCY(...)");
  }

  private int parseDays(RuleToken token) {
    String expected = "a number of days like 7D (1 to " + RuleLimits.MAX_RECENCY_DAYS + ")";
    String text = token.text();
    int n = text.length();
    if (!token.is(Kind.WORD)
        || n < 2
        || n > 6
        || Character.toUpperCase(text.charAt(n - 1)) != 'D'
        || !allDigits(text, 0, n - 1)) {
      throw error(token, expected);
    }
    int days = Integer.parseInt(text.substring(0, n - 1));
    if (days < 1 || days > RuleLimits.MAX_RECENCY_DAYS) {
      throw error(token, expected);
    }
    return days;
  }

  private long parseCount(RuleToken token) {
    String expected = "a count from 0 to " + RuleLimits.MAX_FREQUENCY;
    String text = token.text();
    if (!token.is(Kind.WORD)
        || text.isEmpty()
        || text.length() > 10
        || !allDigits(text, 0, text.length())) {
      throw error(token, expected);
    }
    long k = Long.parseLong(text);
    if (k > RuleLimits.MAX_FREQUENCY) {
      throw error(token, expected);
    }
    return k;
  }

  private static boolean allDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
