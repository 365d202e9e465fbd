package io.rtdcs.partner.bridge;

import io.netty.channel.ChannelHandlerContext;
import io.rtdcs.common.RateLimitedLogger;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to each connection the partner bridge accepts, before the bridge protocol sees a
 * byte: closed at once beyond the connection limits; otherwise a {@link FrameLengthLimiter} goes in
 * front, the write queue is bounded and watched ({@link SlowReaderWatch}), and the socket is handed
 * to the Vert.x bridge. Every close is counted back out.
 */
final class BridgeConnectionAcceptor implements Handler<NetSocket> {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeConnectionAcceptor.class);
  private static final String FRAME_CAP = "rtdcs-bridge-frame-cap";

  private final Vertx vertx;
  private final PartnerBridgeOptions options;
  private final BridgeConnectionGate gate;
  private final PartnerBridgeGuard guard;
  private final Handler<NetSocket> bridge;
  private final PartnerBridgeStats stats;
  private final Clock clock;
  private final RateLimitedLogger closures;

  BridgeConnectionAcceptor(
      Vertx vertx,
      PartnerBridgeOptions options,
      PartnerBridgeGuard guard,
      Handler<NetSocket> bridge,
      PartnerBridgeStats stats,
      Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.gate =
        new BridgeConnectionGate(
            options.getMaxConnections(), options.getMaxConnectionsPerAddress());
    this.guard = Objects.requireNonNull(guard, "guard");
    this.bridge = Objects.requireNonNull(bridge, "bridge");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.closures = new RateLimitedLogger(LOG, clock, 10_000);
  }

  @Override
  public void handle(NetSocket socket) {
    SocketAddress remote = socket.remoteAddress();
    String address = remote == null ? "unknown" : remote.hostAddress();
    if (!gate.tryOpen(address)) {
      stats.connectionRefused();
      closures.warn(
          "bridge: refused a connection from {}: limit of {} connections ({} per address) reached",
          address,
          options.getMaxConnections(),
          options.getMaxConnectionsPerAddress());
      socket.close();
      return;
    }
    stats.connectionOpened();
    ChannelHandlerContext vertxHandler = ((NetSocketInternal) socket).channelHandlerContext();
    vertxHandler
        .pipeline()
        .addBefore(
            vertxHandler.name(),
            FRAME_CAP,
            new FrameLengthLimiter(options.getMaxFrameBytes(), () -> oversized(address)));
    // a close from in front of Vert.x's handler: Vert.x's own close waits for the write queue
    ChannelHandlerContext front = vertxHandler.pipeline().context(FRAME_CAP);
    socket.setWriteQueueMaxSize(options.getWriteQueueMaxBytes());
    long watch =
        SlowReaderWatch.start(
            vertx,
            socket,
            clock,
            options.getSlowReaderTimeoutMs(),
            () -> {
              slowReader(address);
              front.close();
            });
    socket.closeHandler(
        v -> {
          vertx.cancelTimer(watch);
          gate.closed(address);
          stats.connectionClosed();
          guard.closed(socket);
        });
    bridge.handle(socket);
  }

  private void oversized(String address) {
    stats.oversizedFrame();
    closures.warn(
        "bridge: closed the connection from {}: a frame declared more than {} bytes",
        address,
        options.getMaxFrameBytes());
  }

  private void slowReader(String address) {
    stats.slowReader();
    closures.warn(
        "bridge: closed the connection from {}: its write queue stayed full for {} ms",
        address,
        options.getSlowReaderTimeoutMs());
  }
}
