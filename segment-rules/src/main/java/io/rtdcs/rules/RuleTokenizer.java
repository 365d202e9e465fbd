package io.rtdcs.rules;

import io.rtdcs.rules.RuleToken.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits a rule source into tokens; shared by the trait and the segment rule parsers. */
final class RuleTokenizer {

  private final String source;
  private final List<RuleToken> tokens = new ArrayList<>();
  private int pos;

  private RuleTokenizer(String source) {
    this.source = source;
  }

  /**
   * Checks the source against the length limit and tokenizes it; the list always ends with an
   * {@link Kind#END} token.
   */
  static List<RuleToken> tokenize(String source) {
    if (source == null) {
      throw new RuleSyntaxException("", 0, "a rule (got null)");
    }
    if (source.length() > RuleLimits.MAX_SOURCE_LENGTH) {
      throw new RuleSyntaxException(
          source.substring(0, 64) + "...",
          RuleLimits.MAX_SOURCE_LENGTH,
          "at most " + RuleLimits.MAX_SOURCE_LENGTH + " characters");
    }
    return new RuleTokenizer(source).run();
  }

  static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.';
  }

  private List<RuleToken> run() {
    int n = source.length();
    while (true) {
      while (pos < n && Character.isWhitespace(source.charAt(pos))) {
        pos++;
      }
      if (pos >= n) {
        tokens.add(new RuleToken(Kind.END, "", n));
        return tokens;
      }
      char c = source.charAt(pos);
      int start = pos;
      switch (c) {
        case '(' -> single(Kind.LEFT_PAREN, "(");
        case ')' -> single(Kind.RIGHT_PAREN, ")");
        case '[' -> single(Kind.LEFT_BRACKET, "[");
        case ']' -> single(Kind.RIGHT_BRACKET, "]");
        case ',' -> single(Kind.COMMA, ",");
        case '"', '\'' -> quoted(c);
        case '=' -> {
          if (at(pos + 1) == '=') {
            operator("==", 2);
          } else if (at(pos + 1) == '>') {
            operator("=>", 2);
          } else {
            throw new RuleSyntaxException(source, start, "'==' or '=>'");
          }
        }
        case '!' -> {
          if (at(pos + 1) != '=') {
            throw new RuleSyntaxException(source, start, "'!='");
          }
          operator("!=", 2);
        }
        case '<', '>' -> {
          if (at(pos + 1) == '=') {
            operator(c + "=", 2);
          } else {
            operator(String.valueOf(c), 1);
          }
        }
        default -> {
          if (!isWordChar(c)) {
            throw new RuleSyntaxException(
                source, start, "a key, value, operator, parenthesis or quote, not '" + c + "'");
          }
          while (pos < n && isWordChar(source.charAt(pos))) {
            pos++;
          }
          tokens.add(new RuleToken(Kind.WORD, source.substring(start, pos), start));
        }
      }
    }
  }

  private char at(int i) {
    return i < source.length() ? source.charAt(i) : '\0';
  }

  private void single(Kind kind, String text) {
    tokens.add(new RuleToken(kind, text, pos));
    pos++;
  }

  private void operator(String text, int length) {
    tokens.add(new RuleToken(Kind.OPERATOR, text, pos));
    pos += length;
  }

  /** A quoted string: a backslash escapes the quote character or a backslash, else is literal. */
  private void quoted(char quote) {
    int start = pos;
    StringBuilder text = new StringBuilder();
    pos++;
    int n = source.length();
    while (pos < n) {
      char c = source.charAt(pos);
      if (c == quote) {
        pos++;
        tokens.add(new RuleToken(Kind.STRING, text.toString(), start));
        return;
      }
      if (c == '\\'
          && pos + 1 < n
          && (source.charAt(pos + 1) == quote || source.charAt(pos + 1) == '\\')) {
        text.append(source.charAt(pos + 1));
        pos += 2;
      } else {
        text.append(c);
        pos++;
      }
    }
    throw new RuleSyntaxException(
        source, n, "closing " + quote + " of the string opened at " + start);
  }
}
