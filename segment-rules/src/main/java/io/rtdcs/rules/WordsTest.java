package io.rtdcs.rules;

import java.util.Arrays;

/**
 * {@code matcheswords}: the value contains every whitespace-separated word of the operand as a
 * whole word (case-sensitive, any order). A whole word is bounded by the start or end of the value
 * or by a character that is neither a letter nor a digit.
 */
final class WordsTest implements ValueTest {

  private final String[] words;

  private WordsTest(String[] words) {
    this.words = words;
  }

  /** Null when the operand holds no word. */
  static WordsTest of(String operand) {
    String[] words =
        Arrays.stream(operand.trim().split("\\s+"))
            .filter(w -> !w.isEmpty())
            .toArray(String[]::new);
    return words.length == 0 ? null : new WordsTest(words);
  }

  @Override
  public boolean test(String value) {
    for (String word : words) {
      if (!containsWord(value, word)) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsWord(String value, String word) {
    int from = 0;
    while (true) {
      int at = value.indexOf(word, from);
      if (at < 0) {
        return false;
      }
      int end = at + word.length();
      if ((at == 0 || !Character.isLetterOrDigit(value.charAt(at - 1)))
          && (end == value.length() || !Character.isLetterOrDigit(value.charAt(end)))) {
        return true;
      }
      from = at + 1;
    }
  }
}
