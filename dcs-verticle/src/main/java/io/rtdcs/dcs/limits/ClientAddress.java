package io.rtdcs.dcs.limits;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The client behind a request: the peer address, unless the peer is one of the configured {@code
 * trustedProxies} (IP addresses or CIDR ranges, IPv4 or IPv6), in which case {@code
 * X-Forwarded-For} is read from the right, skipping trusted hops. {@code X-Forwarded-*} from any
 * other peer is ignored, so a client cannot choose its own rate-limit key.
 */
public final class ClientAddress {
  private record Range(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Range> trusted;

  /**
   * @param trustedProxies IP literals or CIDR ranges; anything else throws naming {@code
   *     trustedProxies}
   */
  public ClientAddress(List<String> trustedProxies) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : trustedProxies) {
      String ip = entry;
      int bits = -1;
      int slash = entry.indexOf('/');
      if (slash > 0) {
        ip = entry.substring(0, slash);
        try {
          bits = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -2;
        }
      }
      byte[] address = NetUtil.createByteArrayFromIpAddressString(ip);
      if (address == null || bits < -1 || bits > address.length * 8) {
        throw new IllegalArgumentException(
            "trustedProxies: expected IP addresses or CIDR ranges, had " + entry);
      }
      ranges.add(new Range(address, bits == -1 ? address.length * 8 : bits));
    }
    this.trusted = List.copyOf(ranges);
  }

  /** True when at least one proxy is trusted. */
  public boolean hasTrustedProxies() {
    return !trusted.isEmpty();
  }

  public boolean isTrusted(String ip) {
    if (ip == null || trusted.isEmpty()) {
      return false;
    }
    byte[] address = NetUtil.createByteArrayFromIpAddressString(ip.trim());
    if (address == null) {
      return false;
    }
    for (Range r : trusted) {
      if (r.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The client's address for {@code request}. */
  public String of(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    String peer = remote == null ? "unknown" : remote.hostAddress();
    if (peer == null) {
      peer = remote.host();
    }
    if (!isTrusted(peer)) {
      return peer;
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !isTrusted(hop)) {
        return hop.length() > 64 ? hop.substring(0, 64) : hop;
      }
    }
    return peer;
  }

  /**
   * {@code https} or {@code http}: the proxy's {@code X-Forwarded-Proto} when the peer is trusted.
   */
  public String scheme(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    if (remote != null && isTrusted(remote.hostAddress())) {
      String proto = request.getHeader("X-Forwarded-Proto");
      if ("https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto)) {
        return proto.toLowerCase(java.util.Locale.ROOT);
      }
    }
    return request.scheme();
  }
}
