package io.rtdcs.rules;

/** Hard limits that keep parsing and evaluation bounded whatever the input. */
public final class RuleLimits {

  /** Longest rule source accepted, in characters. */
  public static final int MAX_SOURCE_LENGTH = 4096;

  /** Deepest nesting of parentheses and {@code NOT}s accepted. */
  public static final int MAX_NESTING = 64;

  /** Longest {@code matchesregex} pattern accepted, in characters. */
  public static final int MAX_REGEX_LENGTH = 256;

  /** Signal values longer than this never match a {@code matchesregex} condition. */
  public static final int MAX_REGEX_INPUT_LENGTH = 1024;

  /**
   * Character reads one regex match may make before it is abandoned as "no match" (guards against
   * catastrophic backtracking that the pattern checks did not catch).
   */
  public static final int MAX_REGEX_STEPS = 100_000;

  /**
   * Character reads all the {@code matchesregex} matches of one call may make together (about a few
   * milliseconds); then the call's remaining regex conditions do not match.
   */
  public static final int MAX_REGEX_STEPS_PER_CALL = 1_000_000;

  /** Largest {@code n} in a recency window {@code nD}. */
  public static final int MAX_RECENCY_DAYS = 3650;

  /** Largest frequency count {@code k}. */
  public static final long MAX_FREQUENCY = 1_000_000_000L;

  private RuleLimits() {}
}
