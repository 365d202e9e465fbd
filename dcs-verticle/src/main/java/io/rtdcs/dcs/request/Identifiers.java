package io.rtdcs.dcs.request;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

/** Visitor uuids (38 decimal digits, AAM's format) and per-call transaction ids. */
public final class Identifiers {
  public static final int UUID_LENGTH = 38;

  private final Random random;

  public Identifiers(Random random) {
    this.random = java.util.Objects.requireNonNull(random, "random");
  }

  public Identifiers() {
    this(new SecureRandom());
  }

  /** True for exactly 38 ASCII digits. */
  public static boolean isValidUuid(String s) {
    if (s == null || s.length() != UUID_LENGTH) {
      return false;
    }
    for (int i = 0; i < UUID_LENGTH; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A new random 38-digit uuid; the first digit is never 0. */
  public String newUuid() {
    char[] digits = new char[UUID_LENGTH];
    digits[0] = (char) ('1' + random.nextInt(9));
    for (int i = 1; i < UUID_LENGTH; i++) {
      digits[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(digits);
  }

  /** A new transaction id: 12 characters of base64 over 9 random bytes. */
  public String newTid() {
    byte[] bytes = new byte[9];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
