package io.rtdcs.partner;

import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.partner.client.PartnerClientFactory;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.rtdcs.partner.definition.PartnerUrlGuard;
import io.rtdcs.partner.lookup.PartnerLookupService;
import io.rtdcs.partner.lookup.PartnerRegistry;
import io.rtdcs.partner.stats.PartnerStats;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the partner lookup path before the verticle's consumers register, so that the first real
 * lookup after the node turns ready meets its budget: synthetic lookups run through a {@link
 * PartnerLookupService} and the real client chain ({@link PartnerClientFactory#create}: in-flight
 * limit, circuit breaker, HTTP requester with the JSON POST, GET template and signing request
 * factories) until latency settles ({@link LookupBatches}).
 *
 * <p>No synthetic visitor reaches a real partner: the partners are synthetic definitions ({@link
 * SyntheticPartners}) pointing at a throw-away server on 127.0.0.1 ({@link WarmupPartnerServer}),
 * and everything the warm-up builds is its own: registry, lookup service, HTTP client, egress
 * policy (127.0.0.1 alone) and {@link PartnerStats} (not the node's, so nothing shows in {@code
 * /metrics}). It registers no event-bus consumer and touches no cluster map. Everything is closed
 * at the end. It never fails: a failure is logged and the start goes on, since this only moves work
 * earlier. One INFO line reports the lookups, batches and the last batch's p50 and p90.
 */
final class PartnerClientWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerClientWarmup.class);
  private static final AtomicBoolean DONE = new AtomicBoolean();

  private final Vertx vertx;
  private final PartnerWarmupSettings settings;

  PartnerClientWarmup(Vertx vertx, PartnerWarmupSettings settings) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Runs the warm-up with {@code settings} (the defaults, within {@code partner.warmup.maxSeconds})
   * the first time a verticle instance of this JVM starts (JIT and class loading are per JVM);
   * later calls succeed at once.
   */
  static Future<Void> oncePerJvm(Vertx vertx, PartnerWarmupSettings settings) {
    if (!DONE.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return new PartnerClientWarmup(vertx, settings).run().mapEmpty();
  }

  /**
   * Runs on the caller's context (or a new one); the future always succeeds, on that context, with
   * what the warm-up did.
   */
  Future<PartnerWarmupReport> run() {
    Context context = vertx.getOrCreateContext();
    long started = System.nanoTime();
    Promise<PartnerWarmupReport> promise = Promise.promise();
    context.runOnContext(
        v ->
            start(context)
                .map(r -> PartnerWarmupReport.of(r.result(), r.seen(), elapsedMs(started)))
                .recover(t -> skipped(t, started))
                .onSuccess(report -> LOG.info(report.logLine()))
                .onComplete(promise));
    return promise.future();
  }

  /** The batches' result and what reached the server, once the server is closed. */
  private record Warmed(LookupBatches.Result result, WarmupPartnerServer.Seen seen) {}

  private Future<Warmed> start(Context context) {
    return WarmupPartnerServer.start(
            vertx, settings.port(), settings.answer(), SyntheticPartners.SIGNATURE_HEADER)
        .compose(
            server ->
                warm(context, server)
                    .eventually(server::close)
                    .map(result -> new Warmed(result, server.seen())));
  }

  private Future<LookupBatches.Result> warm(Context context, WarmupPartnerServer server) {
    List<PartnerDefinition> definitions;
    try {
      definitions = SyntheticPartners.definitions(server.port(), settings.lookupTimeoutMs());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    OutboundAddressPolicy egress = SyntheticPartners.egress();
    PartnerStats stats = new PartnerStats(); // its own: nothing reaches the node's /metrics
    HttpClient http =
        PartnerClientFactory.httpClient(vertx, PartnerVerticleOptions.DEFAULT_MAX_POOL_SIZE);
    PartnerClientFactory clients = new PartnerClientFactory(vertx, http, stats, egress);
    return new PartnerUrlGuard(vertx, egress)
        .check(definitions, "warm-up")
        .compose(
            v -> {
              PartnerRegistry registry =
                  PartnerRegistry.empty().rebuild(definitions, clients::create);
              PartnerLookupService lookups =
                  new PartnerLookupService(
                      vertx,
                      Clock.systemUTC(),
                      () -> registry,
                      stats,
                      PartnerVerticleOptions.DEFAULT_REPLY_MARGIN_MS);
              return new LookupBatches(
                      context,
                      settings,
                      n -> lookups.lookup(SyntheticPartners.lookup(n, settings.lookupTimeoutMs())))
                  .run()
                  .eventually(
                      () -> {
                        registry.close();
                        return Future.succeededFuture();
                      });
            })
        .eventually(http::close);
  }

  private static Future<PartnerWarmupReport> skipped(Throwable t, long started) {
    LOG.debug("partner client warm-up failed", t);
    return Future.succeededFuture(PartnerWarmupReport.skipped(t.toString(), elapsedMs(started)));
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
