package io.rtdcs.common.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * What kind of address an outbound call would reach, for the ones rtdcs refuses by default: cloud
 * metadata, unspecified, loopback, link-local, private, shared (carrier-grade NAT), multicast and
 * reserved. An IPv6 address that embeds an IPv4 one (IPv4-compatible {@code ::a.b.c.d}, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged by the embedded address too.
 */
public final class AddressClass {
  /** Instance metadata services: AWS, GCP, Azure, OpenStack, ECS and EKS, Alibaba, Oracle. */
  static final Set<InetAddress> METADATA =
      Set.of(
          literal("169.254.169.254"),
          literal("169.254.170.2"),
          literal("169.254.170.23"),
          literal("fd00:ec2::254"),
          literal("fd00:ec2::23"),
          literal("100.100.100.200"),
          literal("192.0.0.192"));

  public static final String METADATA_LABEL = "a cloud metadata address";

  private AddressClass() {}

  /** Null when the address is an ordinary public one, else what it is ("a loopback address"). */
  public static String of(InetAddress address) {
    if (isMetadata(address)) {
      return METADATA_LABEL;
    }
    String own = ownClass(address);
    if (own != null) {
      return own;
    }
    Inet4Address embedded = embeddedV4(address);
    return embedded == null ? null : of(embedded);
  }

  /** Whether the address (or the IPv4 address it embeds) is a metadata service. */
  public static boolean isMetadata(InetAddress address) {
    if (METADATA.contains(address)) {
      return true;
    }
    Inet4Address embedded = embeddedV4(address);
    return embedded != null && METADATA.contains(embedded);
  }

  private static String ownClass(InetAddress a) {
    byte[] b = a.getAddress();
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (a.isAnyLocalAddress() || (a instanceof Inet4Address && b0 == 0)) {
      return "an unspecified address";
    }
    if (a.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (a.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (a.isSiteLocalAddress() || (a instanceof Inet6Address && (b0 & 0xfe) == 0xfc)) {
      return "a private address";
    }
    if (a instanceof Inet4Address && b0 == 100 && (b1 & 0xc0) == 64) {
      return "a shared (carrier-grade NAT) address";
    }
    if (a.isMulticastAddress()) {
      return "a multicast address";
    }
    if (a instanceof Inet4Address && (b0 >= 240 || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0))) {
      return "a reserved address";
    }
    return null;
  }

  /** The IPv4 address inside an IPv4-compatible, NAT64 or 6to4 IPv6 address, else null. */
  static Inet4Address embeddedV4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return null;
    }
    byte[] b = address.getAddress();
    byte[] v4 = null;
    if (zero(b, 0, 12)) {
      if (zero(b, 12, 15) && (b[15] & 0xff) <= 1) {
        return null; // :: and ::1 themselves
      }
      v4 = new byte[] {b[12], b[13], b[14], b[15]}; // ::a.b.c.d
    } else if ((b[0] & 0xff) == 0x00
        && (b[1] & 0xff) == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b
        && zero(b, 4, 12)) {
      v4 = new byte[] {b[12], b[13], b[14], b[15]}; // 64:ff9b::a.b.c.d
    } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      v4 = new byte[] {b[2], b[3], b[4], b[5]}; // 2002:AABB:CCDD::
    }
    if (v4 == null) {
      return null;
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** An IP literal (no name lookup); for constants. */
  static InetAddress literal(String ip) {
    InetAddress parsed = IpLiterals.parse(ip);
    if (parsed == null) {
      throw new IllegalArgumentException("not an IP literal: " + ip);
    }
    return parsed;
  }
}
