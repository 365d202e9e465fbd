package io.rtdcs.segment.handlers;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.contract.Contract;
import io.rtdcs.contract.LookupOutcome;
import io.rtdcs.contract.RealizeReply;
import io.rtdcs.contract.RealizeRequest;
import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.MemberDefinitions;
import io.rtdcs.segment.destinations.DestinationRenderer;
import io.rtdcs.segment.outbound.Outbox;
import io.rtdcs.segment.store.DeclaredId;
import io.rtdcs.segment.store.PartnerOutcome;
import io.rtdcs.segment.store.ProfileStore;
import io.rtdcs.segment.store.RealizeCommand;
import io.rtdcs.segment.store.RealizeResult;
import io.rtdcs.segment.store.RuleVerdict;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;

/**
 * {@code dcs.profiles.realize}: the trait rules evaluated here ({@link RuleVerdict}), one
 * EntryProcessor at the profile's owner (apply the verdict, expire, qualify segments, store), then
 * the declared IDs' links, then the destinations for the new segments. After the reply went out,
 * segment changes for server-to-server destinations are queued.
 */
public final class RealizeHandler implements Handler<Message<Object>> {
  /** Evaluations of one call's rules at most (the owner's cached partner answers can change). */
  static final int MAX_EVALUATIONS = 3;

  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(RealizeHandler.class), 10_000);

  private final ProfileStore store;
  private final MemberDefinitions definitions;
  private final DestinationRenderer renderer;
  private final Outbox outbox;
  private final Clock clock;
  private final SegmentMeters meters;

  public RealizeHandler(
      ProfileStore store,
      MemberDefinitions definitions,
      DestinationRenderer renderer,
      Outbox outbox,
      Clock clock,
      SegmentMeters meters) {
    this.store = Objects.requireNonNull(store, "store");
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  @Override
  public void handle(Message<Object> message) {
    RealizeRequest request;
    RealizeCommand command;
    List<DeclaredId> proven;
    try {
      request = RealizeRequest.of(message.body());
      command =
          new RealizeCommand(
              request.signals(),
              request.sids(),
              request.tdpid(),
              Requests.stored(request.declaredIds()),
              cacheChanges(request.partners()),
              clock.millis(),
              request.tid(),
              request.dryRun());
      proven = Requests.stored(request.provenDeclaredIds());
    } catch (RuntimeException e) {
      Replies.fail(message, Addresses.PROFILE_REALIZE, e);
      return;
    }
    String uuid = request.uuid();
    realize(uuid, command, Requests.stored(request.identities()), request.readIdentities())
        .andThen(
            ar -> {
              if (command.dryRun()) {
                return; // the node's warm-up: counts nowhere
              }
              if (ar.succeeded() && ar.result().duplicate()) {
                meters.duplicate();
              } else if (ar.succeeded() && !ar.result().optedOut()) {
                meters.realized(ar.result().realized(), ar.result().segments());
              }
            })
        .compose(result -> linkDeclaredIds(uuid, command, proven, result))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Replies.fail(message, Addresses.PROFILE_REALIZE, ar.cause());
                return;
              }
              RealizeReply reply;
              try {
                reply =
                    reply(
                        uuid,
                        ar.result(),
                        request.urlDestinations(),
                        request.httpProto(),
                        command.now());
              } catch (RuntimeException e) {
                Replies.fail(message, Addresses.PROFILE_REALIZE, e);
                return;
              }
              Contract.reply(message, reply, RealizeReply::toJson);
              if (command.dryRun()) {
                return;
              }
              if (ar.result().optedOut()) {
                renewOptOut(uuid, command.now());
              } else if (!ar.result().duplicate()) {
                queuePushes(uuid, ar.result(), command.now());
              }
            });
  }

  /** The {@code ok} and {@code no-data} outcomes; the others change nothing and are skipped. */
  static List<PartnerOutcome> cacheChanges(List<LookupOutcome> outcomes) {
    List<PartnerOutcome> out = new ArrayList<>(outcomes.size());
    for (LookupOutcome o : outcomes) {
      if (LookupOutcome.OK.equals(o.outcome())) {
        out.add(new PartnerOutcome(o.dpid(), o.segments(), o.ttlSeconds()));
      } else if (LookupOutcome.NO_DATA.equals(o.outcome())) {
        out.add(new PartnerOutcome(o.dpid(), List.of(), o.ttlSeconds()));
      }
    }
    return out;
  }

  /**
   * Evaluates the trait rules here, on this verticle's event loop under one regex budget per call
   * (never on the owner's partition thread), and has the owner apply the verdict. When the owner
   * holds other cached partner answers than the evaluation assumed, it changes nothing and says
   * which: the rules are evaluated again on those, at most {@value #MAX_EVALUATIONS} times in all
   * (the last verdict is applied as it is).
   *
   * <p>People (docs/profiles.md): first the other profiles the merge rules in use read (people's by
   * proven declared ID, linked devices), in parallel; they travel with the command. Then the device
   * profile, which qualifies the segments. Then, with auth state 1, the person's profile takes the
   * call's traits, with the verdict the device's owner accepted (also on a retry the device already
   * held: the person's profile skips a call it holds).
   */
  private Future<RealizeResult> realize(
      String uuid, RealizeCommand command, List<DeclaredId> known, boolean readIdentities) {
    Definitions defs = definitions.current();
    if (defs == null) {
      defs = Definitions.EMPTY; // still loading: the owner refuses retryably until it has them
    }
    if (readIdentities && known.isEmpty() && PeoplePlan.readsKnownIdentities(defs)) {
      // the caller did not resolve the device: its earlier declared IDs are read here, only when
      // a merge rule in use reads the people or devices they name
      Definitions d = defs;
      return store
          .get(uuid)
          .compose(device -> realize(uuid, command, PeoplePlan.provenIdentities(device), d));
    }
    return realize(uuid, command, known, defs);
  }

  private Future<RealizeResult> realize(
      String uuid, RealizeCommand command, List<DeclaredId> known, Definitions defs) {
    Definitions d = defs;
    PeoplePlan plan = PeoplePlan.of(defs, command.declaredIds(), known);
    if (plan.deviceOnly()) {
      return realize(uuid, command, defs, RuleVerdict.commandView(defs, command), 1)
          .map(Applied::result);
    }
    RealizeCommand device = plan.current() == null ? command : command.toPerson(plan.current());
    return PeopleViews.read(store, plan, uuid, defs, command.now())
        .compose(
            views ->
                realize(uuid, device.withViews(views), d, RuleVerdict.commandView(d, command), 1))
        .compose(
            applied -> {
              RealizeResult result = applied.result();
              if (plan.current() == null || result.optedOut()) {
                return Future.succeededFuture(result);
              }
              return store
                  .realizePerson(plan.current(), command.withVerdict(applied.verdict()).forPerson())
                  .map(
                      person -> {
                        if (person.optedOut() && !command.dryRun()) {
                          renewOptOut(plan.current(), command.now());
                        }
                        return withPersonTraits(result, person);
                      });
            });
  }

  /** The device's answer, its live traits with the person's (the call's traits are there). */
  private static RealizeResult withPersonTraits(RealizeResult device, RealizeResult person) {
    if (person.optedOut()) {
      return device;
    }
    TreeSet<Integer> traits = new TreeSet<>();
    for (int t : device.traits()) {
      traits.add(t);
    }
    for (int t : person.traits()) {
      traits.add(t);
    }
    return new RealizeResult(
        device.optedOut(),
        traits.stream().mapToInt(Integer::intValue).toArray(),
        device.realized(),
        device.segments(),
        device.unknownSids(),
        device.knownIds(),
        device.previousSegments(),
        device.duplicate());
  }

  /** A result and the verdict its owner applied. */
  private record Applied(RealizeResult result, RuleVerdict verdict) {}

  private Future<Applied> realize(
      String uuid,
      RealizeCommand command,
      Definitions defs,
      Map<Integer, List<String>> view,
      int evaluation) {
    RuleVerdict verdict = RuleVerdict.evaluate(defs, command, view, evaluation >= MAX_EVALUATIONS);
    return store
        .realize(uuid, command.withVerdict(verdict))
        .compose(
            result -> {
              if (result.staleView() == null) {
                return Future.succeededFuture(new Applied(result, verdict));
              }
              meters.reevaluated();
              Definitions now = definitions.current();
              return realize(
                  uuid, command, now == null ? defs : now, result.staleView(), evaluation + 1);
            });
  }

  /** After the reply: never delays or fails the realize call. */
  private void renewOptOut(String uuid, long now) {
    store.renewOptOut(uuid, now).onFailure(e -> LOG.warn("opt-out not renewed: {}", e.toString()));
  }

  /** After the reply: never delays or fails the realize call. */
  private void queuePushes(String uuid, RealizeResult result, long now) {
    Definitions defs = definitions.current();
    if (defs == null) {
      return;
    }
    try {
      outbox.enqueue(defs, uuid, result, now);
    } catch (RuntimeException e) {
      LOG.warn("outbound pushes not queued: {}", e.toString(), e);
    }
  }

  /**
   * Links the proven declared IDs to this visitor; an unproven one stays in the visitor's own
   * profile only (linking it would let anyone point someone's customer id at their own cookie).
   */
  private Future<RealizeResult> linkDeclaredIds(
      String uuid, RealizeCommand command, List<DeclaredId> proven, RealizeResult result) {
    if (result.optedOut() || proven.isEmpty() || command.dryRun()) {
      return Future.succeededFuture(result);
    }
    List<Future<Void>> links = new ArrayList<>();
    for (DeclaredId d : proven) {
      links.add(store.link(d.dpid(), d.dpuuid(), uuid, command.now()));
    }
    return Future.all(links).map(all -> result);
  }

  private RealizeReply reply(
      String uuid, RealizeResult result, boolean urlDestinations, String httpProto, long now) {
    Definitions defs = definitions.current();
    if (defs == null) {
      defs = Definitions.EMPTY;
    }
    JsonArray stuff = new JsonArray();
    JsonArray dests = new JsonArray();
    if (!result.optedOut()) {
      stuff = renderer.stuff(defs, result.segments(), now);
      if (urlDestinations) {
        dests = renderer.dests(defs, result.segments(), uuid, result.knownIds(), httpProto, now);
      }
    }
    return new RealizeReply(
        uuid,
        result.optedOut(),
        result.traits(),
        result.realized(),
        result.segments(),
        result.unknownSids(),
        stuff,
        dests,
        result.duplicate());
  }
}
