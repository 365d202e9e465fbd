package io.rtdcs.rules;

import java.math.BigDecimal;

/**
 * The strict number syntax of rules: optional sign, decimal digits with at most one '.', at least
 * one digit, at most 64 characters ({@code 42}, {@code -1.5}, {@code .5}, {@code 10.}). No
 * exponents, no spaces, no NaN or Infinity. Compared exactly ({@link BigDecimal}).
 */
final class Numbers {

  static final int MAX_LENGTH = 64;

  private Numbers() {}

  /** The number, or null when {@code text} is not one. */
  static BigDecimal parse(String text) {
    int n = text.length();
    if (n == 0 || n > MAX_LENGTH) {
      return null;
    }
    int i = 0;
    char first = text.charAt(0);
    if (first == '+' || first == '-') {
      i = 1;
    }
    boolean digit = false;
    boolean dot = false;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return null;
      }
    }
    if (!digit) {
      return null;
    }
    return new BigDecimal(text);
  }
}
