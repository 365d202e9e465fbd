package io.rtdcs.partner.bridge;

/**
 * What a partner's bridge token may be (a partner definition's {@code bridge.token}, or the node
 * config's {@code bridge.tokens}): 16 to 512 characters, no spaces or control characters.
 */
public final class BridgeToken {
  public static final int MIN_LENGTH = 16;
  public static final int MAX_LENGTH = 512;

  private BridgeToken() {}

  /** {@code token} if valid; else {@link IllegalArgumentException} naming {@code key}. */
  public static String check(String token, String key) {
    if (token == null || token.length() < MIN_LENGTH || token.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          key + ": expected a token of " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        throw new IllegalArgumentException(key + ": must not contain spaces or control characters");
      }
    }
    return token;
  }
}
