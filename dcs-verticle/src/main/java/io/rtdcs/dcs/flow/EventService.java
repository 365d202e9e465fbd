package io.rtdcs.dcs.flow;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.Deadline;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.dcs.consent.ConsentPolicy;
import io.rtdcs.dcs.request.EventRequest;
import io.rtdcs.dcs.request.Identifiers;
import io.rtdcs.dcs.response.AamError;
import io.rtdcs.dcs.response.EventResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The /event flow for one accepted call: resolve the visitor, ask the partners, realize and store,
 * each step with the time left in the budget. Expected failures become values: the returned future
 * always succeeds, by the deadline.
 */
public final class EventService {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(EventService.class), 5_000);

  private final BusClient bus;
  private final Identifiers ids;
  private final Clock clock;
  private final long budgetMs;
  private final long storeReserveMs;
  private final boolean debug;
  private final ConsentPolicy consent;

  public EventService(
      BusClient bus,
      Identifiers ids,
      Clock clock,
      long budgetMs,
      long storeReserveMs,
      boolean debug) {
    this(bus, ids, clock, budgetMs, storeReserveMs, debug, ConsentPolicy.CHECK_PURPOSES_ONLY);
  }

  public EventService(
      BusClient bus,
      Identifiers ids,
      Clock clock,
      long budgetMs,
      long storeReserveMs,
      boolean debug,
      ConsentPolicy consent) {
    this.consent = Objects.requireNonNull(consent, "consent");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.budgetMs = budgetMs;
    this.storeReserveMs = storeReserveMs;
    this.debug = debug;
  }

  public Future<EventResult> handle(EventRequest request, String tid) {
    Deadline deadline = Deadline.in(clock, budgetMs);
    List<AamError> errors = new ArrayList<>(request.errors());
    AamError refused = consent.check(request.consent());
    if (refused != null) {
      // no consent: nothing read, stored or sent to partners, no cookie
      errors.add(refused);
      return Future.succeededFuture(
          new EventResult(null, false, false, null, null, null, null, null, null, errors));
    }
    return resolve(request, tid, deadline)
        .compose(
            visitor -> {
              if (visitor == null) {
                errors.add(
                    new AamError(
                        AamError.PROFILE_UNAVAILABLE,
                        "visitor profile could not be read in time; call not processed"));
                return Future.succeededFuture(
                    new EventResult(
                        request.uuid(),
                        request.uuid() != null,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        errors));
              }
              if (visitor.optedOut()) {
                errors.add(new AamError(AamError.OPTED_OUT, "visitor is opted out"));
                return Future.succeededFuture(
                    new EventResult(
                        visitor.uuid(), false, true, null, null, null, null, null, null, errors));
              }
              return lookup(request, visitor, tid, deadline)
                  .compose(
                      lookup ->
                          realize(request, visitor, lookup, tid, deadline)
                              .map(
                                  realized -> {
                                    EventRecordLog.record(
                                        clock.millis(),
                                        tid,
                                        visitor.uuid(),
                                        realized,
                                        array(lookup, "outcomes"));
                                    return result(visitor, lookup, realized, errors);
                                  }));
            });
  }

  /** Null means "could not resolve": the caller stops (an opt-out must never be missed). */
  private Future<Visitor> resolve(EventRequest request, String tid, Deadline deadline) {
    // only a proven declared ID may name a profile (docs/privacy.md): an unproven one is kept in
    // the caller's own profile by the realize step and finds nothing
    JsonArray proven = request.provenDeclaredIdsJson();
    if (request.uuid() == null && proven.isEmpty()) {
      return Future.succeededFuture(Visitor.fresh(ids.newUuid()));
    }
    long left = deadline.remaining();
    JsonObject body =
        new JsonObject()
            .put("tid", tid)
            .put("timeoutMs", left)
            .put("uuid", request.uuid())
            .put("declaredIds", proven);
    return bus.segment(Addresses.PROFILE_RESOLVE, body, left)
        .map(reply -> Visitor.fromReply(reply, request.uuid(), ids.newUuid()))
        .otherwise(
            failure -> {
              LOG.warn("tid {}: resolve failed: {}", tid, failure.getMessage());
              return null;
            });
  }

  private Future<JsonObject> lookup(
      EventRequest request, Visitor visitor, String tid, Deadline deadline) {
    long left = deadline.remainingMinus(storeReserveMs);
    JsonObject body =
        new JsonObject()
            .put("tid", tid)
            .put("timeoutMs", left)
            .put("uuid", visitor.uuid())
            .put("signals", request.signalsJson(false))
            .put("syncedIds", visitor.syncedIds())
            .put("cachedDpids", visitor.cachedDpids());
    if (!request.consent().isEmpty()) {
      body.put("consent", new JsonObject(request.consent()));
    }
    return bus.partner(Addresses.PARTNER_LOOKUP, body, left)
        .otherwise(
            failure -> {
              LOG.warn("tid {}: partner lookup failed: {}", tid, failure.getMessage());
              return new JsonObject();
            });
  }

  /** Null means the store step failed or timed out. */
  private Future<JsonObject> realize(
      EventRequest request, Visitor visitor, JsonObject lookup, String tid, Deadline deadline) {
    long left = deadline.remaining();
    JsonObject body =
        new JsonObject()
            .put("tid", tid)
            .put("timeoutMs", left)
            .put("uuid", visitor.uuid())
            .put("signals", request.signalsJson(true))
            .put("sids", new JsonArray(new ArrayList<>(request.sids())))
            .put("tdpid", new JsonArray(new ArrayList<>(request.tdpid())))
            .put("declaredIds", request.declaredIdsJson())
            .put("partners", outcomes(lookup))
            .put(
                "destinations",
                new JsonObject()
                    .put("url", request.urlDestinations())
                    .put("httpProto", request.httpProto())
                    .put("nsid", request.nsid()));
    return bus.segment(Addresses.PROFILE_REALIZE, body, left)
        .otherwise(
            failure -> {
              LOG.warn("tid {}: realize failed: {}", tid, failure.getMessage());
              return null;
            });
  }

  private EventResult result(
      Visitor visitor, JsonObject lookup, JsonObject realized, List<AamError> errors) {
    JsonArray ibs = array(lookup, "ibs");
    JsonArray partners = debug ? outcomes(lookup) : null;
    if (realized == null) {
      errors.add(
          new AamError(
              AamError.PROFILE_UNAVAILABLE,
              "profile store did not answer in time; traits and segments not returned"));
      return new EventResult(
          visitor.uuid(), true, false, null, null, null, null, ibs, partners, errors);
    }
    JsonArray unknown = array(realized, "unknownSids");
    for (Object sid : unknown) {
      errors.add(new AamError(AamError.TRAITS_NOT_EVALUATED, "d_sid: no trait with id " + sid));
    }
    return new EventResult(
        visitor.uuid(),
        true,
        false,
        array(realized, "traits"),
        array(realized, "segments"),
        array(realized, "stuff"),
        array(realized, "dests"),
        ibs,
        partners,
        errors);
  }

  private static JsonArray outcomes(JsonObject lookup) {
    JsonArray out = new JsonArray();
    for (Object o : array(lookup, "outcomes")) {
      if (o instanceof JsonObject outcome) {
        out.add(outcome);
      }
    }
    return out;
  }

  private static JsonArray array(JsonObject json, String key) {
    return json.getValue(key) instanceof JsonArray a ? a : new JsonArray();
  }
}
