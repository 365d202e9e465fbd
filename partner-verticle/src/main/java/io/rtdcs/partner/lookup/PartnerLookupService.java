package io.rtdcs.partner.lookup;

import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.contract.LookupOutcome;
import io.rtdcs.contract.LookupReply;
import io.rtdcs.contract.LookupRequest;
import io.rtdcs.partner.client.PartnerCall;
import io.rtdcs.partner.client.PartnerOutcome;
import io.rtdcs.partner.client.PartnerResult;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.rtdcs.partner.definition.SyncSettings;
import io.rtdcs.partner.stats.PartnerStats;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans one lookup out to every enabled partner in parallel and answers when all are done or at the
 * deadline ({@code timeoutMs} minus the reply margin), whichever comes first, with one outcome per
 * partner. Runs on the verticle's event loop; the per-partner work is single-threaded.
 */
public final class PartnerLookupService {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerLookupService.class);
  private static final long LOG_INTERVAL_MS = 10_000;

  private final Vertx vertx;
  private final Clock clock;
  private final Supplier<PartnerRegistry> registry;
  private final PartnerStats stats;
  private final long replyMarginMs;
  private final Map<Integer, RateLimitedLogger> failureLogs = new ConcurrentHashMap<>();

  public PartnerLookupService(
      Vertx vertx,
      Clock clock,
      Supplier<PartnerRegistry> registry,
      PartnerStats stats,
      long replyMarginMs) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.replyMarginMs = replyMarginMs;
  }

  public Future<LookupReply> lookup(LookupRequest request) {
    long start = clock.millis();
    long budget = Math.max(0, request.timeoutMs() - replyMarginMs);
    List<PartnerRegistry.Entry> partners = new ArrayList<>();
    for (PartnerRegistry.Entry e : registry.get().entries()) {
      if (e.definition().enabled()) {
        partners.add(e);
      }
    }
    Fanout fanout = new Fanout(partners, start, budget);
    JsonArray ibs = idSyncs(partners, request);
    return fanout.run(request).map(outcomes -> new LookupReply(outcomes, ibs, partners.size()));
  }

  /** One lookup in progress. */
  private final class Fanout {
    private final List<PartnerRegistry.Entry> partners;
    private final LookupOutcome[] outcomes;
    private final long start;
    private final long budget;
    private final Promise<List<LookupOutcome>> promise = Promise.promise();
    private int pending;
    private long timerId = -1;
    private boolean done;
    private boolean dispatching = true; // a client may complete synchronously while we loop

    Fanout(List<PartnerRegistry.Entry> partners, long start, long budget) {
      this.partners = partners;
      this.outcomes = new LookupOutcome[partners.size()];
      this.start = start;
      this.budget = budget;
    }

    Future<List<LookupOutcome>> run(LookupRequest request) {
      for (int i = 0; i < partners.size(); i++) {
        PartnerDefinition def = partners.get(i).definition();
        String dpuuid = request.syncedIds().get(def.dpid());
        if (request.cachedDpids().contains(def.dpid())) {
          set(i, PartnerResult.of(PartnerOutcome.CACHED, "fresh answer cached in the profile"));
        } else if (def.requiresSync() && dpuuid == null) {
          set(i, PartnerResult.of(PartnerOutcome.SKIPPED, "requires a synced id"));
        } else {
          long callBudget = Math.min(def.timeoutMs(), budget - (clock.millis() - start));
          if (callBudget <= 0) {
            set(i, PartnerResult.timeout(Math.max(0, callBudget)));
          } else {
            pending++;
            int index = i;
            PartnerCall call =
                new PartnerCall(
                    def.dpid(),
                    request.uuid(),
                    dpuuid,
                    allowedSignals(request.signals(), def),
                    callBudget,
                    request.tid(),
                    request.consent());
            partners
                .get(i)
                .client()
                .call(call)
                .onComplete(
                    ar -> {
                      if (done) {
                        return;
                      }
                      set(
                          index,
                          ar.succeeded()
                              ? ar.result()
                              : PartnerResult.error(String.valueOf(ar.cause())));
                      if (--pending == 0 && !dispatching) {
                        complete();
                      }
                    });
          }
        }
      }
      dispatching = false;
      if (pending == 0) {
        complete();
      } else {
        long left = budget - (clock.millis() - start);
        timerId = vertx.setTimer(Math.max(1, left), id -> complete());
      }
      return promise.future();
    }

    private void set(int index, PartnerResult result) {
      long latency = result.outcome() == PartnerOutcome.CACHED ? 0 : clock.millis() - start;
      outcomes[index] = record(partners.get(index).definition(), result, latency);
    }

    private void complete() {
      if (done) {
        return;
      }
      done = true;
      vertx.cancelTimer(timerId);
      for (int i = 0; i < outcomes.length; i++) {
        if (outcomes[i] == null) {
          set(i, PartnerResult.timeout(budget));
        }
      }
      promise.complete(Arrays.asList(outcomes));
    }
  }

  private LookupOutcome record(PartnerDefinition def, PartnerResult result, long latencyMs) {
    int dpid = def.dpid();
    PartnerOutcome outcome = result.outcome();
    stats.record(dpid, outcome, latencyMs);
    if (outcome == PartnerOutcome.TIMEOUT
        || outcome == PartnerOutcome.ERROR
        || outcome == PartnerOutcome.UNAVAILABLE) {
      failureLogs
          .computeIfAbsent(dpid, d -> new RateLimitedLogger(LOG, clock, LOG_INTERVAL_MS))
          .warn(
              "partner {} ({}): {} after {} ms: {}",
              dpid,
              def.name(),
              outcome.wire(),
              latencyMs,
              result.detail());
    }
    boolean answered = outcome == PartnerOutcome.OK || outcome == PartnerOutcome.NO_DATA;
    return new LookupOutcome(
        dpid,
        outcome.wire(),
        outcome == PartnerOutcome.OK ? List.copyOf(result.segments()) : List.of(),
        answered && result.ttlSeconds() != null
            ? (int) Math.min(Integer.MAX_VALUE, result.ttlSeconds())
            : -1,
        latencyMs,
        outcome != PartnerOutcome.OK ? result.detail() : null);
  }

  static JsonObject allowedSignals(Map<String, List<String>> signals, PartnerDefinition def) {
    JsonObject out = new JsonObject();
    for (String key : def.signals()) {
      List<String> values = signals.get(key);
      if (values != null && !key.startsWith("p_")) {
        out.put(key, new JsonArray(values));
      }
    }
    return out;
  }

  /** AAM-shaped ID syncs for partners with a sync URL the visitor has no synced id for. */
  static JsonArray idSyncs(List<PartnerRegistry.Entry> partners, LookupRequest request) {
    JsonArray ibs = new JsonArray();
    for (PartnerRegistry.Entry e : partners) {
      SyncSettings sync = e.definition().sync();
      if (sync != null && !request.syncedIds().containsKey(e.definition().dpid())) {
        ibs.add(
            new JsonObject()
                .put("id", e.definition().dpid())
                .put("tag", "img")
                .put("url", new JsonArray().add(sync.url()))
                .put("ttl", sync.ttlMinutes())
                .put("fireURLSync", 1));
      }
    }
    return ibs;
  }
}
