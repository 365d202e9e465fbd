package io.rtdcs.rules;

/**
 * A rule that does not parse: names the 0-based position in the source and what was expected there.
 */
public final class RuleSyntaxException extends IllegalArgumentException {
  private final int position;
  private final String expected;

  public RuleSyntaxException(String source, int position, String expected) {
    super("syntax error at position " + position + ": expected " + expected + " in: " + source);
    this.position = position;
    this.expected = expected;
  }

  public int position() {
    return position;
  }

  public String expected() {
    return expected;
  }
}
