package io.rtdcs.node.bridge;

import io.rtdcs.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
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
 * frame.
 */
public final class PartnerBridgeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerBridgeVerticle.class);

  private final PartnerBridgeOptions options;
  private final Clock clock;
  private TcpEventBusBridge bridge;

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
    PartnerBridgeGuard guard =
        new PartnerBridgeGuard(
            new BridgeAccessPolicy(options.getTokens()), PartnerBridgeStats.of(vertx), clock);
    bridge =
        TcpEventBusBridge.create(
            vertx,
            permitted,
            new NetServerOptions()
                .setHost(options.getHost())
                .setPort(options.getPort())
                .setIdleTimeout(options.getIdleTimeoutSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS),
            guard);
    return bridge
        .listen()
        .onSuccess(
            b ->
                LOG.info(
                    "partner bridge listening on {}:{} for dpids {}",
                    options.getHost(),
                    options.getPort(),
                    options.getTokens().keySet()));
  }

  @Override
  public Future<?> stop() {
    return bridge == null ? Future.succeededFuture() : bridge.close();
  }
}
