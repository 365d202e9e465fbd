package io.rtdcs.rules;

/**
 * One lexical token of a rule: its kind, its text (unquoted for strings) and its 0-based position.
 */
record RuleToken(Kind kind, String text, int position) {

  enum Kind {
    /** Letters, digits, {@code _ - .}: keys, bare values, keywords, {@code 123T}, {@code 7D}. */
    WORD,
    /** A single- or double-quoted string; {@link #text} is the unescaped content. */
    STRING,
    /** A comparison operator: {@code == != < <= > >= =>}. */
    OPERATOR,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    END
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** A WORD equal to {@code keyword}, ignoring case. */
  boolean isKeyword(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case END -> "end of rule";
      case STRING -> "string \"" + text + "\"";
      default -> "'" + text + "'";
    };
  }
}
