package io.rtdcs.segment;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.HazelcastFutures;
import io.rtdcs.common.Meters;
import io.rtdcs.contract.Contract;
import io.rtdcs.contract.RequestException;
import io.rtdcs.segment.definitions.DefinitionKind;
import io.rtdcs.segment.definitions.DefinitionsAdmin;
import io.rtdcs.segment.definitions.DefinitionsImport;
import io.rtdcs.segment.definitions.DefinitionsRegistry;
import io.rtdcs.segment.definitions.DefinitionsSeeder;
import io.rtdcs.segment.definitions.MemberDefinitions;
import io.rtdcs.segment.destinations.DestinationRenderer;
import io.rtdcs.segment.handlers.IdSyncHandler;
import io.rtdcs.segment.handlers.OptOutHandler;
import io.rtdcs.segment.handlers.ProfileDeleteHandler;
import io.rtdcs.segment.handlers.ProfileGetHandler;
import io.rtdcs.segment.handlers.RealizeHandler;
import io.rtdcs.segment.handlers.ResolveHandler;
import io.rtdcs.segment.handlers.SegmentMeters;
import io.rtdcs.segment.handlers.WorkerRequestHandler;
import io.rtdcs.segment.held.HeldCallsHandler;
import io.rtdcs.segment.held.PendingCalls;
import io.rtdcs.segment.outbound.Outbox;
import io.rtdcs.segment.outbound.OutboxOptions;
import io.rtdcs.segment.store.ProfileEraser;
import io.rtdcs.segment.store.ProfileStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Profiles, ID graph, traits, segments and destinations on the event bus (docs/event-bus.md). Thin:
 * waits for this member's definitions, seeds them from config once per cluster, and registers one
 * consumer per address. Several instances per node share the member's definitions.
 */
public final class SegmentVerticle extends VerticleBase {
  private final HazelcastInstance hz;
  private final Clock clock;
  private Outbox outbox;

  public SegmentVerticle(HazelcastInstance hz, Clock clock) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    Contract.register(vertx.eventBus()); // typed requests and replies, rtdcs-json for the rest
    SegmentOptions options;
    OutboxOptions outboxOptions;
    DefinitionsSeeder.Seed seed;
    try {
      options = new SegmentOptions(config());
      outboxOptions = OutboxOptions.fromJson(outboundSection(config()));
      seed = DefinitionsSeeder.validate(options.definitions(), options.maxMergeRules());
    } catch (RequestException e) {
      return Future.failedFuture(new IllegalArgumentException(e.getMessage()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    MemberDefinitions definitions = DefinitionsRegistry.forInstance(hz);
    return HazelcastFutures.onContext(definitions.ready(), context)
        .compose(
            d ->
                vertx.executeBlocking(
                    () -> {
                      DefinitionsSeeder.checkEgress(options.definitions(), seed, options.egress());
                      return DefinitionsSeeder.seed(hz, seed, clock.millis());
                    }))
        .compose(
            seeded ->
                seeded
                    ? HazelcastFutures.onContext(definitions.reload(), context).mapEmpty()
                    : Future.succeededFuture())
        .compose(v -> register(options, outboxOptions, definitions));
  }

  @Override
  public Future<?> stop() {
    if (outbox != null) {
      outbox.stop();
    }
    return Future.succeededFuture();
  }

  private static JsonObject outboundSection(JsonObject config) {
    Object o = config.getValue("outbound");
    if (o != null && !(o instanceof JsonObject)) {
      throw new IllegalArgumentException("outbound: must be an object");
    }
    return (JsonObject) o;
  }

  private Future<?> register(
      SegmentOptions options, OutboxOptions outboxOptions, MemberDefinitions definitions) {
    ProfileStore store = new ProfileStore(hz, context, options.idTtlDays(), Meters.registry(vertx));
    SegmentMeters meters = new SegmentMeters(Meters.registry(vertx), Meters.perDefinition(vertx));
    outbox = new Outbox(hz, vertx, context, outboxOptions);
    outbox.start();
    DefinitionsAdmin admin = new DefinitionsAdmin(hz, options.egress(), options.maxMergeRules());
    List<Future<Void>> registrations = new ArrayList<>();
    registrations.add(consume(Addresses.PROFILE_RESOLVE, new ResolveHandler(store, clock)));
    registrations.add(
        consume(
            Addresses.PROFILE_REALIZE,
            new RealizeHandler(
                store, definitions, new DestinationRenderer(), outbox, clock, meters)));
    registrations.add(consume(Addresses.ID_SYNC, new IdSyncHandler(store, clock)));
    registrations.add(
        consume(
            Addresses.PROFILE_OPTOUT,
            new OptOutHandler(store, definitions, outbox, clock, meters)));
    registrations.add(
        consume(Addresses.PROFILE_GET, new ProfileGetHandler(store, definitions, clock)));
    registrations.add(
        consume(
            Addresses.PROFILE_DELETE,
            new ProfileDeleteHandler(store, new ProfileEraser(hz, context), clock)));
    HeldCallsHandler held = new HeldCallsHandler(new PendingCalls(hz, context), clock);
    registrations.add(consume(Addresses.CALL_HOLD, held::hold));
    registrations.add(consume(Addresses.CALL_RELEASE, held::release));
    for (DefinitionKind kind : DefinitionKind.values()) {
      registrations.add(
          consume(
              kind.address(),
              new WorkerRequestHandler(
                  vertx, kind.address(), body -> admin.handle(kind, body), false)));
    }
    registrations.add(
        consume(
            Addresses.ADMIN_DEFINITIONS,
            new WorkerRequestHandler(
                vertx,
                Addresses.ADMIN_DEFINITIONS,
                new DefinitionsImport(hz, options.egress(), options.maxMergeRules())::handle,
                true)));
    return Future.all(registrations);
  }

  private Future<Void> consume(String address, Handler<Message<Object>> handler) {
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, handler);
    return consumer.completion();
  }
}
