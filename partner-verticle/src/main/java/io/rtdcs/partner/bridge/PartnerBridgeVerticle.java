package io.rtdcs.node.bridge;

import io.rtdcs.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP event-bus bridge for partners in any language (vertx-tcp-eventbus-bridge): a client may
 * register a consumer on {@code dcs.partner.<dpid>} with that partner's token and reply to the
 * requests it gets; nothing else goes in or out. Outbound permitted addresses are exactly the
 * configured partners' addresses, no inbound address is permitted (the bridge lets replies through
 * only to requests it delivered on that connection), and {@link PartnerBridgeGuard} checks every
 * frame. Connections are accepted on a NetServer of ours (TLS when configured) and pass {@link
 * BridgeConnectionAcceptor} (connection limits, frame-size cap, slow readers) before the bridge.
 */
public final class PartnerBridgeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerBridgeVerticle.class);

  private final PartnerBridgeOptions options;
  private final Clock clock;
  private TcpEventBusBridge bridge;
  private NetServer server;

  public PartnerBridgeVerticle(PartnerBridgeOptions options, Clock clock) {
    this.options = new PartnerBridgeOptions(Objects.requireNonNull(options, "options"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    BridgeOptions permitted = new BridgeOptions();
    options
        .getTokens()
        .keySet()
        .forEach(
            dpid ->
                permitted.addOutboundPermitted(
                    new PermittedOptions().setAddress(Addresses.partner(dpid))));
    PartnerBridgeStats stats = PartnerBridgeStats.of(vertx);
    PartnerBridgeGuard guard =
        new PartnerBridgeGuard(new BridgeAccessPolicy(options.getTokens()), stats, clock);
    // the bridge's own NetServer never listens: sockets come from ours, through the acceptor
    bridge = TcpEventBusBridge.create(vertx, permitted, new NetServerOptions(), guard);
    BridgeConnectionAcceptor acceptor =
        new BridgeConnectionAcceptor(
            vertx, options, guard, BridgeSocketHandoff.of(bridge), stats, clock);
    server =
        vertx
            .createNetServer(
                options
                    .getTls()
                    .applyTo(
                        new NetServerOptions()
                            .setHost(options.getHost())
                            .setPort(options.getPort())
                            .setIdleTimeout(options.getIdleTimeoutSeconds())
                            .setIdleTimeoutUnit(TimeUnit.SECONDS)))
            .connectHandler(acceptor);
    return server
        .listen()
        .onSuccess(
            s ->
                LOG.info(
                    "partner bridge listening on {}:{} ({}) for dpids {}",
                    options.getHost(),
                    s.actualPort(),
                    options.getTls().isEnabled() ? "TLS" : "plain TCP",
                    options.getTokens().keySet()));
  }

  /** The port the bridge listens on (the configured one, or the one picked for port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.eventually(() -> bridge == null ? Future.succeededFuture() : bridge.close());
  }
}
