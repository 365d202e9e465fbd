package io.rtdcs.partner.bridge;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.RateLimitedLogger;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge event handler: applies {@link BridgeAccessPolicy} to every frame a client sends,
 * remembers what each connection registered, strips client headers from replies (they would become
 * delivery options), logs refusals rate-limited and counts them, and closes a connection after
 * {@link #MAX_REFUSALS} refused frames (token guessing, probing).
 */
final class PartnerBridgeGuard implements Handler<BridgeEvent> {
  static final int MAX_REFUSALS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(PartnerBridgeGuard.class);

  private final BridgeAccessPolicy policy;
  private final PartnerBridgeStats stats;
  private final RateLimitedLogger refusals;
  private final Map<NetSocket, Connection> connections = new ConcurrentHashMap<>();

  PartnerBridgeGuard(BridgeAccessPolicy policy, PartnerBridgeStats stats, Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.refusals = new RateLimitedLogger(LOG, Objects.requireNonNull(clock, "clock"), 10_000);
  }

  /** Per-connection state; a connection's events arrive on one event loop, in order. */
  private static final class Connection {
    final Set<String> registered = ConcurrentHashMap.newKeySet(); // read by revoke too
    int refused;
  }

  @Override
  public void handle(BridgeEvent event) {
    NetSocket socket = event.socket();
    Connection connection = connections.computeIfAbsent(socket, s -> new Connection());
    JsonObject frame = event.getRawMessage() == null ? new JsonObject() : event.getRawMessage();
    BridgeEventType type = event.type();
    BridgeAccessPolicy.Decision decision = policy.check(type, frame, connection.registered);
    if (!decision.allowed()) {
      refuse(event, connection, frame, decision.reason());
      return;
    }
    String address = frame.getString("address");
    switch (type) {
      case REGISTER -> {
        frame.remove("headers");
        connection.registered.add(address);
        stats.registered();
        LOG.info("bridge: {} registered on {}", socket.remoteAddress(), address);
      }
      case UNREGISTER -> connection.registered.remove(address);
      case SEND -> frame.remove("headers");
      default -> {
        // ping, registered: nothing to record
      }
    }
    event.complete(true);
  }

  /**
   * Closes every connection registered as one of {@code dpids} (their token changed or went away:
   * the client must register again with the token that holds now). Any thread.
   */
  void revoke(Set<Integer> dpids) {
    if (dpids.isEmpty()) {
      return;
    }
    Set<String> addresses = new HashSet<>();
    dpids.forEach(dpid -> addresses.add(Addresses.partner(dpid)));
    connections.forEach(
        (socket, connection) -> {
          for (String address : connection.registered) {
            if (addresses.contains(address)) {
              stats.tokenRevoked();
              LOG.info(
                  "bridge: closing {}: the token of {} changed", socket.remoteAddress(), address);
              socket.close();
              return;
            }
          }
        });
  }

  /** Forgets a closed connection (the consumers it registered are gone with it). */
  void closed(NetSocket socket) {
    Connection gone = connections.remove(socket);
    if (gone != null && !gone.registered.isEmpty()) {
      LOG.info("bridge: {} disconnected, unregistered {}", socket.remoteAddress(), gone.registered);
    }
  }

  private void refuse(BridgeEvent event, Connection connection, JsonObject frame, String reason) {
    stats.refused(event.type().name());
    refusals.warn(
        "bridge: refused {} to '{}' from {}: {}",
        event.type(),
        printable(frame.getValue("address")),
        event.socket().remoteAddress(),
        reason);
    event.complete(false);
    connection.refused++;
    if (connection.refused >= MAX_REFUSALS) {
      stats.closedForAbuse();
      refusals.warn(
          "bridge: closing {} after {} refused frames",
          event.socket().remoteAddress(),
          MAX_REFUSALS);
      event.socket().close();
    }
  }

  /** An address from a client, safe for a log line: at most 80 printable characters. */
  static String printable(Object value) {
    if (!(value instanceof String s)) {
      return String.valueOf(value == null ? "" : "<" + value.getClass().getSimpleName() + ">");
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), 80));
    for (int i = 0; i < s.length() && out.length() < 80; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return s.length() > 80 ? out + "..." : out.toString();
  }
}
