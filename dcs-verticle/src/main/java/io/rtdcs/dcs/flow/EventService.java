package io.rtdcs.dcs.flow;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.Deadline;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.contract.ContractFields;
import io.rtdcs.contract.LookupOutcome;
import io.rtdcs.contract.LookupReply;
import io.rtdcs.contract.LookupRequest;
import io.rtdcs.contract.RealizeReply;
import io.rtdcs.contract.RealizeRequest;
import io.rtdcs.contract.ResolveRequest;
import io.rtdcs.dcs.consent.ConsentPolicy;
import io.rtdcs.dcs.load.Admission;
import io.rtdcs.dcs.request.EventRequest;
import io.rtdcs.dcs.request.Identifiers;
import io.rtdcs.dcs.response.AamError;
import io.rtdcs.dcs.response.EventResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The /event flow for one accepted call: resolve the visitor, ask the partners, realize and store,
 * each step with the time left in the budget. The budget bounds the answer, never whether the call
 * is kept: the realization is handed to {@link RealizeDelivery}, which goes on after the answer
 * left without it (docs/http-api.md, "Budget"). Expected failures become values: the returned
 * future always succeeds, by the deadline.
 */
public final class EventService {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(EventService.class), 5_000);

  private final Vertx vertx;
  private final BusClient bus;
  private final RealizeDelivery delivery;
  private final HeldCalls held;
  private final long holdLeadMs;
  private final Identifiers ids;
  private final Clock clock;
  private final long budgetMs;
  private final long storeReserveMs;
  private final boolean debug;
  private final ConsentPolicy consent;
  private final PartnerPresence partners;

  public EventService(
      Vertx vertx,
      BusClient bus,
      RealizeDelivery delivery,
      HeldCalls held,
      long holdLeadMs,
      Identifiers ids,
      Clock clock,
      long budgetMs,
      long storeReserveMs,
      boolean debug,
      ConsentPolicy consent,
      PartnerPresence partners) {
    this.partners = Objects.requireNonNull(partners, "partners");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.consent = Objects.requireNonNull(consent, "consent");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.held = Objects.requireNonNull(held, "held");
    this.holdLeadMs = holdLeadMs;
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.budgetMs = budgetMs;
    this.storeReserveMs = storeReserveMs;
    this.debug = debug;
  }

  /** The whole flow ({@link Admission#FULL}). */
  public Future<EventResult> handle(EventRequest request, String tid) {
    return handle(request, tid, Admission.FULL);
  }

  /** The flow as far as {@code admission} allows (never {@link Admission#REFUSED}). */
  public Future<EventResult> handle(EventRequest request, String tid, Admission admission) {
    return handle(request, tid, admission, false);
  }

  /**
   * The flow; a {@code warmup} call (the node's own, before it is ready) runs every step but asks
   * no partner and stores nothing (a dry-run realize at the profile's owner).
   */
  public Future<EventResult> handle(
      EventRequest request, String tid, Admission admission, boolean warmup) {
    Deadline deadline = Deadline.in(clock, budgetMs);
    List<AamError> errors = new ArrayList<>(request.errors());
    AamError refused = consent.check(request.consent());
    if (refused != null) {
      // no consent: nothing read, stored or sent to partners, no cookie
      errors.add(refused);
      return Future.succeededFuture(EventResult.withoutData(null, false, false, errors));
    }
    boolean fresh = request.uuid() == null && !request.hasProvenDeclaredIds();
    if (admission == Admission.DEFER_SEGMENTS) {
      // collected as if its resolve had failed; answered once held in the cluster (or at the
      // deadline), collected after that
      String uuid = fresh ? ids.newUuid() : request.uuid();
      errors.add(
          new AamError(
              AamError.SEGMENTS_DEFERRED,
              "node busy: call collected, traits and segments not returned"));
      return holdThenCollect(unresolvedCall(request, uuid, tid), deadline)
          .map(v -> EventResult.withoutData(uuid, uuid != null, false, errors));
    }
    // a warm-up asks no partner but resolves, to run that step too
    boolean askPartners = admission != Admission.SKIP_PARTNERS && partners.mayAsk() && !warmup;
    return resolve(request, tid, deadline, fresh, askPartners || warmup)
        .compose(
            visitor -> {
              if (visitor == null) {
                return unresolved(request, tid, deadline, errors);
              }
              if (visitor.optedOut()) {
                errors.add(new AamError(AamError.OPTED_OUT, "visitor is opted out"));
                return Future.succeededFuture(
                    EventResult.withoutData(visitor.uuid(), false, true, errors));
              }
              if (warmup) {
                return dryRunBy(deadline, dryRun(request, visitor.uuid(), tid, deadline))
                    .map(realized -> result(visitor, LookupReply.NONE, realized, errors));
              }
              Future<LookupReply> lookup;
              if (admission == Admission.SKIP_PARTNERS) {
                errors.add(
                    new AamError(AamError.PARTNERS_SKIPPED, "node busy: partners not asked"));
                lookup = Future.succeededFuture(LookupReply.NONE);
              } else if (!askPartners) {
                lookup = Future.succeededFuture(LookupReply.NONE); // none to ask (PartnerPresence)
              } else {
                lookup = lookup(request, visitor, tid, deadline);
              }
              return lookup.compose(
                  found ->
                      answerBy(deadline, realizeCall(request, visitor, found, tid))
                          .map(
                              realized -> {
                                EventRecordLog.record(
                                    clock.millis(),
                                    tid,
                                    visitor.uuid(),
                                    realized,
                                    found.outcomes());
                                return result(visitor, found, realized, errors);
                              }));
            });
  }

  /**
   * The profile could not be read in time. Partners are not asked (the visitor might be opted out),
   * but the call is still realized: with its own uuid and no proven declared ID directly (the store
   * never changes an opted-out profile); otherwise once a resolve succeeds.
   */
  private Future<EventResult> unresolved(
      EventRequest request, String tid, Deadline deadline, List<AamError> errors) {
    errors.add(
        new AamError(
            AamError.PROFILE_UNAVAILABLE,
            "visitor profile could not be read in time; partners not asked"));
    CollectedCall call = unresolvedCall(request, request.uuid(), tid);
    if (call.resolve() != null) {
      return holdThenCollect(call, deadline)
          .map(v -> EventResult.withoutData(request.uuid(), request.uuid() != null, false, errors));
    }
    Visitor visitor = Visitor.fresh(request.uuid());
    return answerBy(deadline, call)
        .map(realized -> result(visitor, LookupReply.NONE, realized, errors));
  }

  /**
   * The held form of a call whose visitor was not resolved: realized directly when that is safe (a
   * fresh visitor, or the call's own uuid without proven declared IDs); else resolved first, with
   * {@code uuid} as the fallback (see {@link HeldCalls} for the form).
   */
  private static CollectedCall unresolvedCall(EventRequest request, String uuid, String tid) {
    if (uuid != null && !request.hasProvenDeclaredIds()) {
      RealizeRequest realize = realizeBody(request, uuid, LookupReply.NONE, tid);
      return CollectedCall.realize(
          uuid.equals(request.uuid()) ? realize.forVisitor(uuid, List.of(), false) : realize);
    }
    return new CollectedCall(
        tid,
        resolveBody(request, tid, 0),
        realizeBody(request, null, LookupReply.NONE, tid),
        request.uuid());
  }

  /**
   * Collects a held call's data: resolves its visitor first when the call says so (nothing for an
   * opted-out visitor), then delivers its realization. Completes once stored (null when opted out,
   * else the realize's reply: a {@code RealizeReply} or its JSON form), fails only when given up.
   * Also what {@code dcs.calls.replay} runs for a call held by a node that died.
   */
  public Future<Object> collect(CollectedCall call) {
    if (call.resolve() == null) {
      return delivery.deliver(Addresses.PROFILE_REALIZE, call.tid(), call.realize());
    }
    return delivery
        .deliver(Addresses.PROFILE_RESOLVE, call.tid(), call.resolve())
        .map(reply -> Visitor.fromReply(reply, call.fallbackUuid(), ids.newUuid()))
        .compose(
            visitor ->
                visitor.optedOut()
                    ? Future.succeededFuture()
                    : delivery.deliver(
                        Addresses.PROFILE_REALIZE,
                        call.tid(),
                        withVisitor(call.realize(), visitor)));
  }

  /**
   * Holds {@code call} in the cluster, then collects it (and releases it once stored). The returned
   * future completes when the hold is acknowledged, fails, or the deadline comes: the answer waits
   * for it, so that a call answered is held unless the budget ran out first.
   */
  private Future<Void> holdThenCollect(CollectedCall call, Deadline deadline) {
    Future<Void> holding = held.hold(call, deadline.remaining());
    holding.onComplete(
        ar ->
            collect(call)
                .onSuccess(
                    stored -> {
                      if (ar.succeeded()) {
                        held.release(call.tid());
                      }
                    }));
    return holding.otherwiseEmpty();
  }

  /**
   * Null means "could not resolve in time". Without partners to ask, a visitor named by its uuid
   * alone is not resolved: the realize step finds an opt-out itself (the store never changes an
   * opted-out profile) and reads the device's identities when its merge rules need them, in one
   * store round trip instead of two.
   */
  private Future<Visitor> resolve(
      EventRequest request, String tid, Deadline deadline, boolean fresh, boolean forPartners) {
    // only a proven declared ID may name a profile (docs/privacy.md): an unproven one is kept in
    // the caller's own profile by the realize step and finds nothing
    if (fresh) {
      return Future.succeededFuture(Visitor.fresh(ids.newUuid()));
    }
    if (!forPartners && !request.hasProvenDeclaredIds()) {
      return Future.succeededFuture(Visitor.unread(request.uuid()));
    }
    long left = deadline.remaining();
    return bus.segment(Addresses.PROFILE_RESOLVE, resolveBody(request, tid, left))
        .map(reply -> Visitor.fromReply(reply, request.uuid(), ids.newUuid()))
        .otherwise(
            failure -> {
              LOG.warn("tid {}: resolve failed: {}", tid, failure.getMessage());
              return null;
            });
  }

  private static ResolveRequest resolveBody(EventRequest request, String tid, long timeoutMs) {
    return new ResolveRequest(tid, timeoutMs, request.uuid(), request.provenDeclaredIds());
  }

  private Future<LookupReply> lookup(
      EventRequest request, Visitor visitor, String tid, Deadline deadline) {
    long left = deadline.remainingMinus(storeReserveMs);
    LookupRequest body =
        new LookupRequest(
            tid,
            left,
            visitor.uuid(),
            request.signals(), // p_ keys dropped by the record
            visitor.syncedIds(),
            visitor.cachedDpids(),
            request.consent().isEmpty() ? null : new JsonObject(request.consent()));
    return bus.partner(Addresses.PARTNER_LOOKUP, body)
        .map(LookupReply::of)
        .andThen(
            ar -> {
              if (ar.succeeded()) {
                partners.observe(ar.result());
              }
            })
        .otherwise(
            failure -> {
              LOG.warn("tid {}: partner lookup failed: {}", tid, failure.getMessage());
              return LookupReply.NONE;
            });
  }

  /** The call's realization, with the identities the resolve found on the device. */
  private static CollectedCall realizeCall(
      EventRequest request, Visitor visitor, LookupReply lookup, String tid) {
    return CollectedCall.realize(withVisitor(realizeBody(request, null, lookup, tid), visitor));
  }

  /** A realize with what the resolve found on the device, or asking the store to read it. */
  private static RealizeRequest withVisitor(RealizeRequest realize, Visitor visitor) {
    return realize.forVisitor(visitor.uuid(), visitor.identities(), visitor.read());
  }

  /** A warm-up realize: the whole logic at the owner, nothing stored, once, within the budget. */
  private Future<RealizeReply> dryRun(
      EventRequest request, String uuid, String tid, Deadline deadline) {
    RealizeRequest body = realizeBody(request, uuid, LookupReply.NONE, tid).asDryRun();
    return bus.segment(Addresses.PROFILE_REALIZE, body.withTimeoutMs(deadline.remaining()))
        .map(RealizeReply::of);
  }

  private static RealizeRequest realizeBody(
      EventRequest request, String uuid, LookupReply lookup, String tid) {
    return new RealizeRequest(
        tid,
        0,
        uuid,
        request.signals(),
        request.sids(),
        request.tdpid(),
        request.declaredIds(),
        lookup.outcomes(),
        request.urlDestinations(),
        request.httpProto(),
        request.nsid(),
        List.of(),
        false,
        false);
  }

  /**
   * Collects {@code call} and answers with what its store brings by the deadline, else null: the
   * delivery goes on (counted as late if it succeeds after that), and a call still on its way
   * {@code holdLeadMs} before the deadline is held in the cluster until stored ({@link HeldCalls}).
   */
  private Future<RealizeReply> answerBy(Deadline deadline, CollectedCall call) {
    Future<Object> stored = collect(call);
    if (!stored.isComplete()) {
      long holdTimer =
          vertx.setTimer(
              Math.max(1, deadline.remaining() - holdLeadMs),
              id -> {
                if (!stored.isComplete()) {
                  held.holdUntilStored(call, stored);
                }
              });
      stored.onComplete(ar -> vertx.cancelTimer(holdTimer));
    }
    return by(deadline, stored.map(RealizeReply::of), delivery::storedLate);
  }

  /** What a warm-up's dry run brings by the deadline, else null (nothing to keep). */
  private Future<RealizeReply> dryRunBy(Deadline deadline, Future<RealizeReply> dryRun) {
    return by(deadline, dryRun, () -> {});
  }

  /**
   * What {@code result} brings by the deadline, else null; {@code lateSuccess} runs when it
   * succeeds after that.
   */
  private <T> Future<T> by(Deadline deadline, Future<T> result, Runnable lateSuccess) {
    if (result.isComplete()) {
      return Future.succeededFuture(result.succeeded() ? result.result() : null);
    }
    Promise<T> answer = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, deadline.remaining()), id -> answer.tryComplete(null));
    result.onComplete(
        ar -> {
          if (answer.tryComplete(ar.succeeded() ? ar.result() : null)) {
            vertx.cancelTimer(timer);
          } else if (ar.succeeded()) {
            lateSuccess.run();
          }
        });
    return answer.future();
  }

  private EventResult result(
      Visitor visitor, LookupReply lookup, RealizeReply realized, List<AamError> errors) {
    JsonArray ibs = lookup.ibs();
    JsonArray partners = debug ? outcomesJson(lookup) : null;
    if (realized == null) {
      if (errors.stream().noneMatch(e -> e.code() == AamError.PROFILE_UNAVAILABLE)) {
        errors.add(
            new AamError(
                AamError.PROFILE_UNAVAILABLE,
                "profile store did not answer in time; traits and segments not returned"));
      }
      return new EventResult(
          visitor.uuid(), true, false, null, null, null, null, ibs, partners, errors);
    }
    if (realized.optedOut()) {
      // the store found the profile opted out (its resolve had not answered in time)
      errors.add(new AamError(AamError.OPTED_OUT, "visitor is opted out"));
      return EventResult.withoutData(visitor.uuid(), false, true, errors);
    }
    for (int sid : realized.unknownSids()) {
      errors.add(new AamError(AamError.TRAITS_NOT_EVALUATED, "d_sid: no trait with id " + sid));
    }
    return new EventResult(
        visitor.uuid(),
        true,
        false,
        ContractFields.intsJson(realized.traits()),
        ContractFields.intsJson(realized.segments()),
        realized.stuff(),
        realized.dests(),
        ibs,
        partners,
        errors);
  }

  private static JsonArray outcomesJson(LookupReply lookup) {
    JsonArray out = new JsonArray();
    for (LookupOutcome o : lookup.outcomes()) {
      out.add(o.toJson());
    }
    return out;
  }
}
