package io.rtdcs.rules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code matchesregex}: a {@link Pattern} compiled once, searched with {@code find()} (anchor with
 * {@code ^...$} for a whole-value match), with three guards against catastrophic backtracking:
 *
 * <ol>
 *   <li>at parse time: patterns longer than {@link RuleLimits#MAX_REGEX_LENGTH}, with a repeated
 *       group that itself contains a quantifier ({@code (a+)+}, {@code (\w*x)*}, {@code (a+){2,}}),
 *       or with back-references are refused;
 *   <li>at match time: values longer than {@link RuleLimits#MAX_REGEX_INPUT_LENGTH} never match;
 *   <li>at match time: a match that reads more than {@link RuleLimits#MAX_REGEX_STEPS} characters
 *       is abandoned and counts as no match, so even a pattern the checks miss (say {@code
 *       (a|a)*b}) costs a bounded time; and all the matches of one call share {@link
 *       RuleLimits#MAX_REGEX_STEPS_PER_CALL} ({@link RegexBudget}).
 * </ol>
 */
final class SafeRegex implements ValueTest {

  private static final StepBudgetExceeded EXCEEDED = new StepBudgetExceeded();

  private final Pattern pattern;

  private SafeRegex(Pattern pattern) {
    this.pattern = pattern;
  }

  /**
   * Checks and compiles {@code regex}; throws {@link IllegalArgumentException} whose message says
   * what was expected when the pattern is refused.
   */
  static SafeRegex compile(String regex) {
    if (regex.length() > RuleLimits.MAX_REGEX_LENGTH) {
      throw new IllegalArgumentException(
          "a regular expression of at most " + RuleLimits.MAX_REGEX_LENGTH + " characters");
    }
    String unsafe = findUnsafeConstruct(regex);
    if (unsafe != null) {
      throw new IllegalArgumentException("a regular expression without " + unsafe);
    }
    try {
      return new SafeRegex(Pattern.compile(regex));
    } catch (PatternSyntaxException | StackOverflowError e) {
      String reason = e instanceof PatternSyntaxException p ? p.getDescription() : "nesting";
      throw new IllegalArgumentException("a valid regular expression (" + reason + ")");
    }
  }

  @Override
  public boolean test(String value) {
    if (value.length() > RuleLimits.MAX_REGEX_INPUT_LENGTH) {
      return false;
    }
    int allowed = Math.min(RuleLimits.MAX_REGEX_STEPS, RegexBudget.left());
    if (allowed <= 0) {
      return false; // the call's regex budget is spent
    }
    int[] budget = {allowed};
    try {
      return pattern.matcher(new BudgetedChars(value, budget)).find();
    } catch (StepBudgetExceeded | StackOverflowError e) {
      return false;
    } finally {
      RegexBudget.spend(allowed - Math.max(0, budget[0]));
    }
  }

  /**
   * Scans the pattern for nested quantifiers and back-references; returns a description of the
   * first one found, or null. A structural scan, not a full regex parser: the step budget covers
   * what it misses.
   */
  static String findUnsafeConstruct(String regex) {
    Deque<boolean[]> groups = new ArrayDeque<>(); // per open group: [containsQuantifier]
    groups.push(new boolean[1]);
    boolean lastClosedGroupHadQuantifier = false;
    boolean afterGroupClose = false;
    boolean afterQuantifier = false;
    int n = regex.length();
    for (int i = 0; i < n; i++) {
      char c = regex.charAt(i);
      boolean closing = false;
      boolean quantifier = false;
      switch (c) {
        case '\\' -> {
          char e = i + 1 < n ? regex.charAt(i + 1) : '\0';
          if ((e >= '1' && e <= '9') || e == 'k') {
            return "back-references (\\" + e + ")";
          }
          if (e == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            i = end < 0 ? n : end + 1;
          } else {
            i++;
          }
        }
        case '[' -> i = skipCharClass(regex, i);
        case '(' -> {
          groups.push(new boolean[1]);
          if (i + 1 < n && regex.charAt(i + 1) == '?') {
            i = skipGroupPrefix(regex, i + 1);
          }
        }
        case ')' -> {
          if (groups.size() > 1) {
            boolean[] closed = groups.pop();
            lastClosedGroupHadQuantifier = closed[0];
            if (closed[0]) {
              groups.peek()[0] = true;
            }
          }
          closing = true;
        }
        case '*', '+', '?', '{' -> {
          if (afterQuantifier && c != '{') {
            // lazy (*?) or possessive (*+) modifier of the previous quantifier
            break;
          }
          boolean repeats = c != '?';
          if (c == '{') {
            int end = regex.indexOf('}', i);
            if (end < 0) {
              break;
            }
            String body = regex.substring(i + 1, end);
            repeats =
                !(body.equals("0,1") || body.equals("1") || body.equals("0") || body.equals("1,1"));
            i = end;
          }
          quantifier = true;
          groups.peek()[0] = true;
          if (afterGroupClose && lastClosedGroupHadQuantifier && repeats) {
            return "nested quantifiers (a repeated group containing a quantifier, like (a+)+)";
          }
        }
        default -> {}
      }
      afterGroupClose = closing;
      afterQuantifier = quantifier;
    }
    return null;
  }

  private static int skipCharClass(String regex, int open) {
    int n = regex.length();
    int i = open + 1;
    if (i < n && regex.charAt(i) == '^') {
      i++;
    }
    if (i < n && regex.charAt(i) == ']') {
      i++;
    }
    int depth = 1;
    for (; i < n; i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    return n;
  }

  /** {@code at} is the '?' after '('; returns the index of the prefix's last character. */
  private static int skipGroupPrefix(String regex, int at) {
    int n = regex.length();
    int i = at + 1;
    if (i >= n) {
      return at;
    }
    char c = regex.charAt(i);
    if (c == '<' && i + 1 < n && regex.charAt(i + 1) != '=' && regex.charAt(i + 1) != '!') {
      int end = regex.indexOf('>', i);
      return end < 0 ? n : end;
    }
    if (c == '<') {
      return i + 1;
    }
    if (c == ':' || c == '=' || c == '!' || c == '>') {
      return i;
    }
    // inline flags: (?i) or (?i-s:...)
    while (i < n && (Character.isLetter(regex.charAt(i)) || regex.charAt(i) == '-')) {
      i++;
    }
    return i < n && regex.charAt(i) == ':' ? i : i - 1;
  }

  /** A view of a string that throws once a number of character reads is exhausted. */
  private static final class BudgetedChars implements CharSequence {
    private final String text;
    private final int[] budget;

    BudgetedChars(String text, int[] budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw EXCEEDED;
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BudgetedChars(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static final class StepBudgetExceeded extends RuntimeException {
    StepBudgetExceeded() {
      super("regex step budget exceeded", null, false, false);
    }
  }
}
