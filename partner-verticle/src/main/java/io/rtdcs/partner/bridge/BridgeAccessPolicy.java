package io.rtdcs.partner.bridge;

import io.rtdcs.common.Addresses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * What a TCP bridge client may do, frame by frame (no I/O, no Vert.x instance): register a consumer
 * on {@code dcs.partner.<dpid>} with that partner's token (once per connection), reply to a request
 * delivered to it, unregister what it registered, ping. Nothing else: no send or publish to any
 * address, no request from the client side, no other registration.
 */
public final class BridgeAccessPolicy {
  /** The prefix of Vert.x's temporary reply addresses (one per request in flight). */
  static final String REPLY_PREFIX = "__vertx.reply.";

  private final IntFunction<String> tokens;

  /** With a fixed dpid -> token map. */
  public BridgeAccessPolicy(Map<Integer, String> tokens) {
    this(Map.copyOf(Objects.requireNonNull(tokens, "tokens"))::get);
  }

  /** With the token of each dpid as it stands when a client registers ({@link BridgeTokens}). */
  public BridgeAccessPolicy(IntFunction<String> tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /**
   * A decision: allowed, or refused with a reason for the node's log (never sent to the client).
   */
  public record Decision(boolean allowed, String reason) {
    static final Decision ALLOW = new Decision(true, null);

    static Decision refuse(String reason) {
      return new Decision(false, reason);
    }
  }

  /**
   * Decides one frame. {@code registered} holds the addresses this connection registered so far
   * (read only here; the caller records an allowed register or unregister).
   */
  public Decision check(BridgeEventType type, JsonObject frame, Set<String> registered) {
    String address = frame.getValue("address") instanceof String s ? s : null;
    switch (type) {
      case SOCKET_PING:
      case REGISTERED:
        return Decision.ALLOW;
      case REGISTER:
        return checkRegister(address, frame, registered);
      case UNREGISTER:
        return address != null && registered.contains(address)
            ? Decision.ALLOW
            : Decision.refuse("unregister of an address this connection did not register");
      case SEND:
        return checkReply(address, frame);
      case PUBLISH:
        return Decision.refuse("publish is not allowed");
      default:
        return Decision.refuse("frame type " + type + " is not allowed");
    }
  }

  private Decision checkRegister(String address, JsonObject frame, Set<String> registered) {
    int dpid = dpidOf(address);
    if (dpid < 0) {
      return Decision.refuse("register on a non-partner address");
    }
    String expected = tokens.apply(dpid);
    if (expected == null) {
      return Decision.refuse("no bridge token for dpid " + dpid);
    }
    Object headers = frame.getValue("headers");
    Object token = headers instanceof JsonObject h ? h.getValue("token") : null;
    if (!(token instanceof String given)) {
      return Decision.refuse("register without headers.token");
    }
    if (!constantTimeEquals(expected, given)) {
      return Decision.refuse("wrong token for dpid " + dpid);
    }
    if (registered.contains(address)) {
      return Decision.refuse("already registered on this connection");
    }
    return Decision.ALLOW;
  }

  private static Decision checkReply(String address, JsonObject frame) {
    if (address == null || !address.startsWith(REPLY_PREFIX)) {
      return Decision.refuse("send to an address that is not a pending reply");
    }
    if (frame.containsKey("replyAddress")) {
      return Decision.refuse("requests from bridge clients are not allowed (replyAddress set)");
    }
    Object failureCode = frame.getValue("failureCode");
    if (failureCode != null && !(failureCode instanceof Integer)) {
      return Decision.refuse("failureCode must be an integer");
    }
    Object message = frame.getValue("message");
    if (message != null && !(message instanceof String)) {
      return Decision.refuse("message must be a string");
    }
    return Decision.ALLOW;
  }

  /** The dpid of {@code dcs.partner.<dpid>}, or -1 for any other address. */
  static int dpidOf(String address) {
    if (address == null || !address.startsWith(Addresses.PARTNER_PREFIX)) {
      return -1;
    }
    String digits = address.substring(Addresses.PARTNER_PREFIX.length());
    if (digits.isEmpty() || digits.length() > 10 || digits.charAt(0) == '0') {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    long dpid = Long.parseLong(digits);
    return dpid > Integer.MAX_VALUE ? -1 : (int) dpid;
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
