package io.rtdcs.common.egress;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which addresses the node's outbound HTTP calls (partner lookups, server-to-server pushes, OAuth
 * token requests) may reach. By default none that is loopback, link-local, private, shared
 * (carrier-grade NAT), unspecified, multicast, reserved or a cloud metadata service ({@link
 * AddressClass}): a definition written by an operator or an admin token must not turn the node into
 * a proxy into its own network. The node config's {@code egress.allow} names exceptions: host names
 * (exact, case-insensitive), IP addresses and CIDR ranges. A metadata address is reached only when
 * the list names that very address ({@code 169.254.169.254} or {@code 169.254.169.254/32}): a broad
 * range ({@code 169.254.0.0/16}, {@code 0.0.0.0/0}) or an allowed name does not open it.
 *
 * <p>{@link #checkUrl} resolves the host (blocking: call it on a worker thread) and is used when a
 * definition is written; {@link #checkPeer} judges the address a call actually connected to (no
 * lookup), which also defeats a name that resolves elsewhere later (DNS rebinding).
 */
public final class OutboundAddressPolicy {
  public static final String KEY = "egress.allow";
  public static final int MAX_ENTRIES = 1000;

  /** Nothing but public addresses. */
  public static final OutboundAddressPolicy DEFAULT = new OutboundAddressPolicy(List.of());

  private static final Pattern NAME =
      Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
  private static final Pattern TEMPLATE = Pattern.compile("\\$\\{[A-Za-z_]+}");

  private final List<String> entries;
  private final Set<String> names;
  private final List<Cidr> ranges;

  /** Validates every entry; throws {@code IllegalArgumentException("egress.allow[i]: ...")}. */
  public OutboundAddressPolicy(List<String> allow) {
    Objects.requireNonNull(allow, "allow");
    if (allow.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(KEY + ": at most " + MAX_ENTRIES + " entries");
    }
    List<Cidr> cidrs = new ArrayList<>();
    List<String> hostNames = new ArrayList<>();
    for (int i = 0; i < allow.size(); i++) {
      String entry = allow.get(i);
      String key = KEY + "[" + i + "]";
      if (entry == null || entry.isBlank()) {
        throw new IllegalArgumentException(key + ": must be a host name, an IP address or a CIDR");
      }
      String e = IpLiterals.strip(entry);
      Cidr cidr = Cidr.parse(e, key);
      if (cidr != null) {
        cidrs.add(cidr);
      } else if (IpLiterals.looksNumeric(e)) {
        throw new IllegalArgumentException(
            key + ": " + entry + " is not a dotted-quad IPv4 address, an IPv6 address or a name");
      } else if (e.length() <= 253 && NAME.matcher(trimDot(e)).matches()) {
        hostNames.add(trimDot(e));
      } else {
        throw new IllegalArgumentException(
            key + ": must be a host name, an IP address or a CIDR, got " + entry);
      }
    }
    this.entries = List.copyOf(allow);
    this.names = Set.copyOf(hostNames);
    this.ranges = List.copyOf(cidrs);
  }

  /** {@code egress.allow} as found in a config: absent is {@link #DEFAULT}; else strings. */
  public static OutboundAddressPolicy fromConfig(Object allow) {
    if (allow == null) {
      return DEFAULT;
    }
    if (!(allow instanceof JsonArray array)) {
      throw new IllegalArgumentException(KEY + ": must be an array of strings");
    }
    List<String> list = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String s)) {
        throw new IllegalArgumentException(KEY + "[" + i + "]: must be a string");
      }
      list.add(s);
    }
    return new OutboundAddressPolicy(list);
  }

  /**
   * The policy in a verticle config: {@code {"egress": {"allow": [...]}}} or the dotted key {@code
   * "egress.allow"}; {@link #DEFAULT} when neither is there.
   */
  public static OutboundAddressPolicy fromVerticleConfig(JsonObject config) {
    if (config == null) {
      return DEFAULT;
    }
    if (config.containsKey(KEY)) {
      return fromConfig(config.getValue(KEY));
    }
    Object section = config.getValue("egress");
    if (section == null) {
      return DEFAULT;
    }
    if (!(section instanceof JsonObject egress)) {
      throw new IllegalArgumentException("egress: must be an object");
    }
    return fromConfig(egress.getValue("allow"));
  }

  public List<String> allow() {
    return entries;
  }

  public JsonArray toJson() {
    return new JsonArray(new ArrayList<>(entries));
  }

  /**
   * Why a call to {@code url} would be refused, or null when it may go. Resolves the host name
   * (blocking). A name that does not resolve now is accepted: every call checks the address it
   * connects to ({@link #checkPeer}). Template placeholders ({@code ${UUID}}) are ignored.
   */
  public String checkUrl(String url) {
    String host;
    try {
      URI uri = new URI(TEMPLATE.matcher(url).replaceAll("x"));
      host = uri.getHost() != null ? uri.getHost() : authorityHost(uri.getRawAuthority());
    } catch (URISyntaxException e) {
      return "is not a valid URL";
    }
    if (host == null || host.isEmpty()) {
      return "must name a host";
    }
    return checkHost(host);
  }

  /** The host of an authority {@link URI} would not parse as a server ({@code 0x7f.1:80}). */
  private static String authorityHost(String authority) {
    if (authority == null) {
      return null;
    }
    String a = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = a.lastIndexOf(':');
    return colon >= 0 && a.indexOf(']') < colon ? a.substring(0, colon) : a;
  }

  /** {@link #checkUrl} for a bare host name or IP literal (brackets allowed). Blocking. */
  public String checkHost(String rawHost) {
    String host = trimDot(IpLiterals.strip(rawHost));
    InetAddress literal = IpLiterals.parse(host);
    if (literal != null) {
      return check(host, List.of(literal));
    }
    if (host.indexOf(':') >= 0) {
      return "host " + host + " is not a valid IPv6 address";
    }
    if (IpLiterals.looksNumeric(host)) {
      InetAddress decoded = IpLiterals.legacyV4(host);
      if (decoded != null) {
        String refused = check(decoded.getHostAddress(), List.of(decoded));
        if (refused != null) {
          return refused;
        }
        return "host "
            + host
            + " is the IPv4 address "
            + decoded.getHostAddress()
            + " in a non-standard notation; write it as a dotted quad";
      }
      return "host " + host + " is not a valid address";
    }
    InetAddress[] resolved;
    try {
      resolved = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return null; // unknown today: the connected address is checked at each call
    }
    return check(host, Arrays.asList(resolved));
  }

  /** Why a call to {@code host} that connected to {@code peer} must stop, or null. No lookup. */
  public String checkPeer(String host, InetAddress peer) {
    return check(trimDot(IpLiterals.strip(host)), List.of(peer));
  }

  /**
   * {@link #checkPeer} for the remote address of a Vert.x connection; null (allowed) when it has no
   * IP address (a domain socket).
   */
  public String checkPeer(String host, SocketAddress peer) {
    InetAddress address =
        peer == null || peer.hostAddress() == null ? null : IpLiterals.parse(peer.hostAddress());
    return address == null ? null : checkPeer(host, address);
  }

  /** The decision for a host and the addresses it resolved to: refused if any one is refused. */
  String check(String host, List<InetAddress> addresses) {
    boolean nameAllowed = names.contains(host);
    for (InetAddress address : addresses) {
      String kind = AddressClass.of(address);
      if (kind == null) {
        continue;
      }
      if (AddressClass.isMetadata(address)) {
        if (!exactlyListed(address)) {
          return "resolves to "
              + kind
              + " ("
              + shown(address)
              + "); only an egress.allow entry of exactly "
              + address.getHostAddress()
              + " permits it";
        }
        continue;
      }
      if (nameAllowed || inAllowedRange(address)) {
        continue;
      }
      return "resolves to " + kind + " (" + shown(address) + "); add it to " + KEY + " to permit";
    }
    return null;
  }

  /** The address as a refusal names it (built only for a refusal: this runs on every call). */
  private static String shown(InetAddress address) {
    InetAddress embedded = AddressClass.embeddedV4(address);
    return address.getHostAddress()
        + (embedded == null ? "" : ", embedding " + embedded.getHostAddress());
  }

  private boolean exactlyListed(InetAddress address) {
    return ranges.stream().anyMatch(r -> r.isSingle() && r.contains(address));
  }

  private boolean inAllowedRange(InetAddress address) {
    InetAddress embedded = AddressClass.embeddedV4(address);
    return ranges.stream()
        .anyMatch(r -> r.contains(address) || (embedded != null && r.contains(embedded)));
  }

  private static String trimDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  @Override
  public String toString() {
    return KEY
        + "="
        + entries.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
  }

  /** An address range; an address alone is a range of one. */
  record Cidr(byte[] network, int prefix) {
    /** Null when {@code text} is neither an IP literal nor a CIDR (it may be a name). */
    static Cidr parse(String text, String key) {
      int slash = text.indexOf('/');
      String ip = slash < 0 ? text : text.substring(0, slash);
      InetAddress address = IpLiterals.parse(ip);
      if (address == null) {
        if (slash >= 0) {
          throw new IllegalArgumentException(
              key + ": " + text + " is not a CIDR range (address/prefix)");
        }
        return null;
      }
      int bits = address.getAddress().length * 8;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException(
              key + ": the prefix of " + text + " must be 0 to " + bits);
        }
      }
      return new Cidr(address.getAddress(), prefix);
    }

    boolean isSingle() {
      return prefix == network.length * 8;
    }

    boolean contains(InetAddress address) {
      byte[] b = address.getAddress();
      if (b.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (b[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (b[full] & mask) == (network[full] & mask);
    }
  }
}
