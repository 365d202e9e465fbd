package io.rtdcs.rules;

import io.rtdcs.rules.RuleToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent skeleton shared by both rule languages: {@code OR} below {@code AND} below
 * {@code NOT} below parentheses; subclasses parse the leaves.
 *
 * <pre>
 * rule    := or END
 * or      := and ( OR and )*
 * and     := unary ( AND unary )*          ("AND NOT x" is AND applied to "NOT x")
 * unary   := NOT unary | '(' or ')' | leaf
 * </pre>
 */
abstract class BooleanRuleParser<C> {

  protected final String source;
  private final List<RuleToken> tokens;
  private int index;
  private int depth;

  protected BooleanRuleParser(String source) {
    this.tokens = RuleTokenizer.tokenize(source);
    this.source = source;
  }

  /** A condition that is not a group: a comparison, a trait reference, a FREQUENCY term. */
  protected abstract Condition<C> parseLeaf();

  /** What a leaf starts with, for error messages. */
  protected abstract String leafDescription();

  protected final Condition<C> parseRule() {
    if (peek().is(Kind.END)) {
      throw error(peek(), leafDescription());
    }
    Condition<C> rule = parseOr();
    if (!peek().is(Kind.END)) {
      throw error(peek(), "AND, OR or end of rule");
    }
    return rule;
  }

  private Condition<C> parseOr() {
    List<Condition<C>> terms = new ArrayList<>();
    terms.add(parseAnd());
    while (peek().isKeyword("OR")) {
      next();
      terms.add(parseAnd());
    }
    return Condition.or(terms);
  }

  private Condition<C> parseAnd() {
    List<Condition<C>> terms = new ArrayList<>();
    terms.add(parseUnary());
    while (peek().isKeyword("AND")) {
      next();
      terms.add(parseUnary());
    }
    return Condition.and(terms);
  }

  private Condition<C> parseUnary() {
    RuleToken token = peek();
    if (token.isKeyword("NOT")) {
      enter(token);
      next();
      Condition<C> negated = Condition.not(parseUnary());
      depth--;
      return negated;
    }
    if (token.is(Kind.LEFT_PAREN)) {
      enter(token);
      next();
      Condition<C> inner = parseOr();
      expect(Kind.RIGHT_PAREN, "')', AND or OR");
      depth--;
      return inner;
    }
    if (isReserved(token)) {
      throw error(token, leafDescription() + ", NOT or '('");
    }
    return parseLeaf();
  }

  private void enter(RuleToken token) {
    if (++depth > RuleLimits.MAX_NESTING) {
      throw error(token, "at most " + RuleLimits.MAX_NESTING + " nested parentheses or NOTs");
    }
  }

  static boolean isReserved(RuleToken token) {
    return token.isKeyword("AND") || token.isKeyword("OR") || token.isKeyword("NOT");
  }

  protected final RuleToken peek() {
    return tokens.get(index);
  }

  protected final RuleToken next() {
    RuleToken token = tokens.get(index);
    if (!token.is(Kind.END)) {
      index++;
    }
    return token;
  }

  protected final RuleToken expect(Kind kind, String expected) {
    RuleToken token = peek();
    if (!token.is(kind)) {
      throw error(token, expected);
    }
    return next();
  }

  protected final RuleSyntaxException error(RuleToken at, String expected) {
    return new RuleSyntaxException(source, at.position(), expected + ", found " + at.describe());
  }
}
