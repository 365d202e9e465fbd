package io.rtdcs.dcs.request;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

/** Visitor uuids (38 decimal digits, AAM's format) and per-call transaction ids. */
public final class Identifiers {
  public static final int UUID_LENGTH = 38;

  private final Random random;
  private final java.time.Clock clock;

  public Identifiers(Random random, java.time.Clock clock) {
    this.random = java.util.Objects.requireNonNull(random, "random");
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  public Identifiers(java.time.Clock clock) {
    this(new SecureRandom(), clock);
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

  /**
   * A new 38-digit uuid, first digit never 0, carrying its minting time ({@link
   * io.rtdcs.common.VisitorIds}).
   */
  public String newUuid() {
    return io.rtdcs.common.VisitorIds.mint(random, clock.millis());
  }

  /** A new transaction id: 12 characters of base64 over 9 random bytes. */
  public String newTid() {
    byte[] bytes = new byte[9];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
