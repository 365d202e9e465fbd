package io.rtdcs.common.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP literals without a name lookup. {@link #parse} takes the canonical forms (dotted-quad IPv4,
 * IPv6 with or without brackets); {@link #legacyV4} decodes the other notations some resolvers and
 * browsers accept ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}), so that
 * a URL cannot hide an address from the policy by spelling it differently.
 */
public final class IpLiterals {
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern NUMERIC =
      Pattern.compile("(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+))*\\.?");
  private static final Pattern V6 = Pattern.compile("[0-9a-f:.]+(%[0-9a-z._-]+)?");

  private IpLiterals() {}

  /**
   * The address of a canonical literal ({@code 10.0.0.1}, {@code ::1}, {@code [::1]}), else null.
   */
  public static InetAddress parse(String text) {
    String s = strip(text);
    int zone = s.indexOf('%');
    if (zone > 0 && s.indexOf(':') >= 0) {
      s = s.substring(0, zone); // fe80::1%eth0: the zone does not change what the address is
    }
    if (DOTTED_QUAD.matcher(s).matches() || (s.indexOf(':') >= 0 && V6.matcher(s).matches())) {
      try {
        return InetAddress.getByName(s); // a literal: no lookup
      } catch (UnknownHostException e) {
        return null;
      }
    }
    return null;
  }

  /** Whether the host is written as numbers only, in whatever IPv4 notation. */
  public static boolean looksNumeric(String host) {
    return NUMERIC.matcher(strip(host)).matches();
  }

  /**
   * The IPv4 address of a numeric host in the inet_aton notations (1 to 4 parts, each decimal,
   * octal with a leading 0, or hex with 0x; the last part fills the remaining bytes), else null.
   */
  public static InetAddress legacyV4(String host) {
    String s = strip(host);
    if (!NUMERIC.matcher(s).matches()) {
      return null;
    }
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Long v = number(parts[i]);
      if (v == null) {
        return null;
      }
      values[i] = v;
    }
    long result = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (values[i] > 255) {
        return null;
      }
      result |= values[i] << (24 - 8 * i);
    }
    long last = values[parts.length - 1];
    int restBits = 8 * (5 - parts.length);
    if (last >= (1L << restBits)) {
      return null;
    }
    result |= last;
    byte[] b = {
      (byte) (result >>> 24), (byte) (result >>> 16), (byte) (result >>> 8), (byte) result
    };
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Whether the host is a canonical dotted-quad IPv4 literal. */
  public static boolean isDottedQuad(String host) {
    return DOTTED_QUAD.matcher(strip(host)).matches();
  }

  private static Long number(String part) {
    try {
      if (part.startsWith("0x")) {
        return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
      }
      if (part.length() > 1 && part.startsWith("0")) {
        return Long.parseLong(part.substring(1), 8);
      }
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      return null; // too long, or 8/9 in an octal part
    }
  }

  static String strip(String host) {
    String s = host.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    return s;
  }
}
