package io.rtdcs.rules;

import io.rtdcs.rules.RuleToken.Kind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses Audience Manager trait rules into a {@link CompiledTraitRule}.
 *
 * <pre>
 * leaf     := KEY operator value
 * operator := == | != | &lt; | &lt;= | &gt; | &gt;= | =&gt;
 *           | contains | startswith | endswith | matcheswords | matchesregex   (any case)
 * value    := "quoted" | 'quoted' | bare word or number
 * KEY      := letters, digits, _ - . with at least one letter; not AND, OR, NOT
 * </pre>
 */
final class TraitRuleParser extends BooleanRuleParser<Map<String, ? extends List<String>>> {

  private final Set<String> keys = new LinkedHashSet<>();

  private TraitRuleParser(String source) {
    super(source);
  }

  static TraitRule parse(String source) {
    TraitRuleParser parser = new TraitRuleParser(source);
    Condition<Map<String, ? extends List<String>>> condition = parser.parseRule();
    return new CompiledTraitRule(source, condition, parser.keys);
  }

  @Override
  protected String leafDescription() {
    return "a signal key";
  }

  @Override
  protected Condition<Map<String, ? extends List<String>>> parseLeaf() {
    RuleToken key = peek();
    if (!key.is(Kind.WORD) || !isValidKey(key.text())) {
      throw error(key, "a signal key (letters, digits, _ - . with at least one letter)");
    }
    next();
    RuleToken opToken = peek();
    TraitOperator op = TraitOperator.of(opToken);
    if (op == null) {
      throw error(
          opToken,
          "an operator (== != < <= > >= contains startswith endswith matcheswords matchesregex)");
    }
    next();
    RuleToken value = peek();
    if (!(value.is(Kind.STRING) || (value.is(Kind.WORD) && !isReserved(value)))) {
      throw error(value, "a value (quoted string, number or word) after " + op.symbol());
    }
    next();
    ValueTest test;
    try {
      test = op.compile(value.text());
    } catch (IllegalArgumentException e) {
      throw error(value, e.getMessage());
    }
    keys.add(key.text());
    return new SignalCondition(key.text(), test, op == TraitOperator.NOT_EQUALS);
  }

  static boolean isValidKey(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        return true;
      }
    }
    return false;
  }
}
