package io.rtdcs.partner.bridge;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.rtdcs.partner.definition.PartnerType;
import io.rtdcs.partner.store.ChangeListener;
import io.rtdcs.partner.store.PartnerDefinitionStore;
import io.rtdcs.partner.store.PartnerDefinitionsLoader;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP event-bus bridge for partners in any language (vertx-tcp-eventbus-bridge): a client may
 * register a consumer on {@code dcs.partner.<dpid>} with that partner's token and reply to the
 * requests it gets; nothing else goes in or out. The tokens are the partner definitions' {@code
 * bridge.token} as they stand ({@code rtdcs.partners}, followed live: a changed or removed token
 * closes the connections registered with the old one), over the node config's {@code
 * bridge.tokens}. Outbound permitted addresses are partner addresses only, no inbound address is
 * permitted (the bridge lets replies through only to requests it delivered on that connection), and
 * {@link PartnerBridgeGuard} checks every frame. Connections are accepted on a NetServer of ours
 * (TLS when configured) and pass {@link BridgeConnectionAcceptor} (connection limits, frame-size
 * cap, slow readers) before the bridge.
 */
public final class PartnerBridgeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerBridgeVerticle.class);

  /** The addresses a bridge client can receive on: {@code dcs.partner.<dpid>}. */
  static final String PARTNER_ADDRESSES = "dcs\\.partner\\.[1-9][0-9]{0,9}";

  private final PartnerBridgeOptions options;
  private final HazelcastInstance hz;
  private final Clock clock;
  private final BridgeTokens tokens;
  private PartnerBridgeGuard guard;
  private TcpEventBusBridge bridge;
  private NetServer server;
  private PartnerDefinitionStore definitions;
  private UUID listenerId;

  /** With the tokens of the node config only (no partner definitions). */
  public PartnerBridgeVerticle(PartnerBridgeOptions options, Clock clock) {
    this(options, null, clock);
  }

  /** With the partner definitions' tokens of {@code hz}'s cluster, followed live. */
  public PartnerBridgeVerticle(PartnerBridgeOptions options, HazelcastInstance hz, Clock clock) {
    this.options = new PartnerBridgeOptions(Objects.requireNonNull(options, "options"));
    this.hz = hz;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = new BridgeTokens(this.options.getTokens());
  }

  @Override
  public Future<?> start() {
    BridgeOptions permitted =
        new BridgeOptions()
            .addOutboundPermitted(new PermittedOptions().setAddressRegex(PARTNER_ADDRESSES));
    PartnerBridgeStats stats = PartnerBridgeStats.of(vertx);
    guard = new PartnerBridgeGuard(new BridgeAccessPolicy(tokens), stats, clock);
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
    return followDefinitions()
        .compose(v -> server.listen())
        .onSuccess(
            s ->
                LOG.info(
                    "partner bridge listening on {}:{} ({}) for dpids {}",
                    options.getHost(),
                    s.actualPort(),
                    options.getTls().isEnabled() ? "TLS" : "plain TCP",
                    tokens.dpids()));
  }

  /**
   * Reads the partner definitions' tokens, then again on every change of {@code rtdcs.partners}.
   */
  private Future<?> followDefinitions() {
    if (hz == null) {
      return Future.succeededFuture();
    }
    definitions = new PartnerDefinitionStore(vertx, hz);
    PartnerDefinitionsLoader loader = new PartnerDefinitionsLoader(definitions, this::apply);
    return definitions
        .addListener(new ChangeListener(() -> context.runOnContext(v -> loader.requestReload())))
        .compose(
            id -> {
              listenerId = id;
              return loader.reload();
            });
  }

  /** The event-bus partners' tokens now; the connections registered with a changed one close. */
  private void apply(List<PartnerDefinition> all) {
    List<PartnerDefinition> bridged = new ArrayList<>();
    for (PartnerDefinition d : all) {
      if (d.type() == PartnerType.EVENTBUS) {
        bridged.add(d);
      }
    }
    guard.revoke(tokens.update(bridged));
  }

  /** The port the bridge listens on (the configured one, or the one picked for port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    if (listenerId != null) {
      definitions.removeListener(listenerId);
    }
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.eventually(() -> bridge == null ? Future.succeededFuture() : bridge.close());
  }
}
