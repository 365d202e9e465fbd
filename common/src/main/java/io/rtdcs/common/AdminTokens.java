package io.rtdcs.common;

import java.util.Locale;
import java.util.Set;

/**
 * What an admin token must be: at least {@value #MIN_LENGTH} characters, and not a placeholder
 * copied from a sample ({@code change-me...}, {@code placeholder}). Checked when the node starts,
 * so a guessable token never guards people's profiles.
 */
public final class AdminTokens {
  public static final int MIN_LENGTH = 32;

  private static final Set<String> PLACEHOLDERS =
      Set.of("change-me", "changeme", "placeholder", "replace-me");

  private AdminTokens() {}

  /** Throws {@link IllegalArgumentException} naming {@code key} (never the token) when unfit. */
  public static void check(String token, String key) {
    if (token == null) {
      return;
    }
    if (token.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          key + ": must have at least " + MIN_LENGTH + " characters (openssl rand -hex 24)");
    }
    String lower = token.toLowerCase(Locale.ROOT);
    for (String p : PLACEHOLDERS) {
      if (lower.contains(p)) {
        throw new IllegalArgumentException(
            key + ": looks like a sample placeholder; use a random one (openssl rand -hex 24)");
      }
    }
    if (token.chars().distinct().count() < 8) {
      throw new IllegalArgumentException(
          key + ": too few distinct characters; use a random one (openssl rand -hex 24)");
    }
  }
}
