package io.rtdcs.partner;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.contract.Contract;
import io.rtdcs.partner.admin.PartnerAdminHandler;
import io.rtdcs.partner.client.PartnerClientFactory;
import io.rtdcs.partner.definition.PartnerUrlGuard;
import io.rtdcs.partner.lookup.PartnerLookupHandler;
import io.rtdcs.partner.lookup.PartnerLookupService;
import io.rtdcs.partner.lookup.PartnerRegistry;
import io.rtdcs.partner.stats.PartnerStats;
import io.rtdcs.partner.store.ChangeListener;
import io.rtdcs.partner.store.PartnerDefinitionStore;
import io.rtdcs.partner.store.PartnerDefinitionsLoader;
import io.rtdcs.partner.store.PartnerSeeder;
import io.rtdcs.partner.sync.SyncPolicyHandler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Wires partner lookups: seeds definitions, keeps this instance's registry in step with {@code
 * rtdcs.partners} (entry listener, rebuild on the verticle's context) and registers the {@code
 * dcs.partners.lookup}, {@code dcs.partners.sync-policy} and {@code dcs.admin.partners} consumers.
 * Before they register, the first instance of the JVM warms the lookup path against a throw-away
 * loopback partner ({@link JvmWarmup}, {@link PartnerClientWarmup}).
 */
public class PartnerVerticle extends VerticleBase {
  private final HazelcastInstance hz;
  private final Clock clock;

  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private volatile PartnerRegistry registry = PartnerRegistry.empty();
  private PartnerDefinitionStore store;
  private PartnerDefinitionsLoader loader;
  private HttpClient httpClient;
  private UUID listenerId;

  public PartnerVerticle(HazelcastInstance hz, Clock clock) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    Contract.register(vertx.eventBus()); // typed lookups and replies, rtdcs-json for the rest
    PartnerVerticleOptions options;
    try {
      options = new PartnerVerticleOptions(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    PartnerStats stats = PartnerStats.of(vertx);
    httpClient = PartnerClientFactory.httpClient(vertx, options.getMaxPoolSize());
    PartnerClientFactory clients =
        new PartnerClientFactory(vertx, httpClient, stats, options.getEgress());
    PartnerUrlGuard urls = new PartnerUrlGuard(vertx, options.getEgress());
    store = new PartnerDefinitionStore(vertx, hz);
    loader =
        new PartnerDefinitionsLoader(
            store, definitions -> registry = registry.rebuild(definitions, clients::create));
    PartnerLookupService lookups =
        new PartnerLookupService(vertx, clock, () -> registry, stats, options.getReplyMarginMs());
    return vertx
        .executeBlocking(
            () -> {
              JvmWarmup.run();
              return null;
            },
            false)
        .compose(
            v ->
                options.isWarmupEnabled()
                    ? PartnerClientWarmup.oncePerJvm(vertx, options.warmupSettings())
                    : Future.succeededFuture())
        .compose(v -> urls.check(options.getDefinitions(), "definitions"))
        .compose(v -> new PartnerSeeder(vertx, hz, store, clock).seed(options.getDefinitions()))
        .compose(seeded -> store.addListener(new ChangeListener(this::onChange)))
        .compose(
            id -> {
              listenerId = id;
              return loader.reload();
            })
        .map(
            v -> {
              consumers.add(
                  vertx
                      .eventBus()
                      .consumer(Addresses.PARTNER_LOOKUP, new PartnerLookupHandler(lookups)));
              consumers.add(
                  vertx
                      .eventBus()
                      .consumer(
                          Addresses.PARTNER_SYNC_POLICY, new SyncPolicyHandler(() -> registry)));
              consumers.add(
                  vertx
                      .eventBus()
                      .consumer(Addresses.ADMIN_PARTNERS, new PartnerAdminHandler(store, urls)));
              return v;
            })
        .compose(v -> Future.all(consumers.stream().map(MessageConsumer::completion).toList()));
  }

  /** Hazelcast thread: hop onto this instance's context and reload there. */
  private void onChange() {
    context.runOnContext(v -> loader.requestReload());
  }

  @Override
  public Future<?> stop() {
    List<Future<?>> steps = new ArrayList<>();
    consumers.forEach(c -> steps.add(c.unregister()));
    if (listenerId != null) {
      steps.add(store.removeListener(listenerId).otherwise(false));
    }
    return Future.join(steps)
        .eventually(
            () -> {
              registry.close();
              return httpClient == null ? Future.succeededFuture() : httpClient.close();
            });
  }

  /** This instance's current registry (tests and metrics). */
  public PartnerRegistry registry() {
    return registry;
  }
}
