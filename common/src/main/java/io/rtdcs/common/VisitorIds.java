package io.rtdcs.common;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Visitor uuids: 38 decimal digits (Audience Manager's format). rtdcs mints them as one random
 * non-zero digit, the minting time in epoch seconds (11 digits), then 26 random digits (86 bits),
 * so the store can tell a uuid minted moments ago, whose profile cannot be in the database yet, and
 * spare the database a read for every new visitor (docs/storage.md). Uuids minted elsewhere (any 38
 * digits) remain valid; for them the time is meaningless and only ever causes a database read.
 */
public final class VisitorIds {
  public static final int LENGTH = 38;
  private static final int TIME_DIGITS = 11;

  private VisitorIds() {}

  /**
   * A new uuid minted at {@code nowMillis}: its random digits come from one {@code nextBytes} call
   * (three 64-bit draws; a SecureRandom call per digit was 1 % of a node's CPU under load).
   */
  public static String mint(Random random, long nowMillis) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    ByteBuffer draws = ByteBuffer.wrap(bytes);
    char[] digits = new char[LENGTH];
    digits[0] = (char) ('1' + Long.remainderUnsigned(draws.getLong(), 9));
    String seconds = Long.toString(Math.max(0, nowMillis / 1000));
    int pad = TIME_DIGITS - seconds.length();
    for (int i = 0; i < TIME_DIGITS; i++) {
      digits[1 + i] = i < pad ? '0' : seconds.charAt(i - pad);
    }
    // 26 random digits: 13 from each of two draws (bias below 1e-5: 1e13 against 2^64)
    fill(digits, 1 + TIME_DIGITS, Long.remainderUnsigned(draws.getLong(), THIRTEEN_DIGITS));
    fill(digits, 1 + TIME_DIGITS + 13, Long.remainderUnsigned(draws.getLong(), THIRTEEN_DIGITS));
    return new String(digits);
  }

  private static final long THIRTEEN_DIGITS = 10_000_000_000_000L;

  private static void fill(char[] digits, int from, long value) {
    for (int i = from + 12; i >= from; i--) {
      digits[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** When rtdcs minted {@code uuid} (epoch ms, to the second), or -1 if it is no uuid. */
  public static long mintedAtMillis(String uuid) {
    if (uuid == null || uuid.length() != LENGTH) {
      return -1;
    }
    long seconds = 0;
    for (int i = 1; i <= TIME_DIGITS; i++) {
      char c = uuid.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      seconds = seconds * 10 + (c - '0');
    }
    return seconds * 1000;
  }

  /**
   * Whether {@code uuid} was minted so recently that no write of its profile can have reached the
   * database: minted at most {@code windowMillis} before {@code nowMillis} (and not in the future
   * by more than that, for clocks of members that differ a little).
   */
  public static boolean mintedWithin(String uuid, long nowMillis, long windowMillis) {
    long minted = mintedAtMillis(uuid);
    // minted is floored to the second: the uuid may be up to 999 ms younger than it says
    return minted >= 0 && nowMillis - minted <= windowMillis && minted - nowMillis <= windowMillis;
  }
}
