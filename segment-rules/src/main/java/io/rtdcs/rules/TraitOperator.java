package io.rtdcs.rules;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The operators of a trait rule comparison and how each compiles its operand into a {@link
 * ValueTest}. Semantics are documented in {@code docs/rules.md}.
 */
enum TraitOperator {
  EQUALS("=="),
  NOT_EQUALS("!="),
  LESS("<"),
  LESS_OR_EQUAL("<="),
  GREATER(">"),
  GREATER_OR_EQUAL(">="),
  CONTAINS("contains"),
  STARTS_WITH("startswith"),
  ENDS_WITH("endswith"),
  MATCHES_WORDS("matcheswords"),
  MATCHES_REGEX("matchesregex");

  private final String symbol;

  TraitOperator(String symbol) {
    this.symbol = symbol;
  }

  String symbol() {
    return symbol;
  }

  /** The operator a token spells ({@code =>} is {@code >=}; names ignore case), or null. */
  static TraitOperator of(RuleToken token) {
    String text = token.text();
    if (token.is(RuleToken.Kind.OPERATOR)) {
      return switch (text) {
        case "==" -> EQUALS;
        case "!=" -> NOT_EQUALS;
        case "<" -> LESS;
        case "<=" -> LESS_OR_EQUAL;
        case ">" -> GREATER;
        case ">=", "=>" -> GREATER_OR_EQUAL;
        default -> null;
      };
    }
    if (token.is(RuleToken.Kind.WORD)) {
      String lower = text.toLowerCase(Locale.ROOT);
      for (TraitOperator op : values()) {
        if (op.ordinal() >= CONTAINS.ordinal() && op.symbol.equals(lower)) {
          return op;
        }
      }
    }
    return null;
  }

  /**
   * Compiles the operand. {@code !=} compiles to the equality test (the caller negates it over all
   * values). Throws {@link IllegalArgumentException} naming what the operand should be.
   */
  ValueTest compile(String operand) {
    BigDecimal number = Numbers.parse(operand);
    return switch (this) {
      case EQUALS, NOT_EQUALS -> equality(operand, number);
      case LESS -> ordered(number, c -> c < 0);
      case LESS_OR_EQUAL -> ordered(number, c -> c <= 0);
      case GREATER -> ordered(number, c -> c > 0);
      case GREATER_OR_EQUAL -> ordered(number, c -> c >= 0);
      case CONTAINS -> value -> value.contains(operand);
      case STARTS_WITH -> value -> value.startsWith(operand);
      case ENDS_WITH -> value -> value.endsWith(operand);
      case MATCHES_WORDS -> {
        WordsTest words = WordsTest.of(operand);
        if (words == null) {
          throw new IllegalArgumentException("at least one word after matcheswords");
        }
        yield words;
      }
      case MATCHES_REGEX -> SafeRegex.compile(operand);
    };
  }

  private static ValueTest equality(String operand, BigDecimal number) {
    if (number == null) {
      return operand::equals;
    }
    return value -> {
      BigDecimal v = Numbers.parse(value);
      return v != null ? v.compareTo(number) == 0 : value.equals(operand);
    };
  }

  private interface Sign {
    boolean accept(int comparison);
  }

  private ValueTest ordered(BigDecimal number, Sign sign) {
    if (number == null) {
      throw new IllegalArgumentException("a number after '" + symbol + "'");
    }
    return value -> {
      BigDecimal v = Numbers.parse(value);
      return v != null && sign.accept(v.compareTo(number));
    };
  }
}
