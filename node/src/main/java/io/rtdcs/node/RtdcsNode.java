package io.rtdcs.node;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Meters;
import io.rtdcs.common.NodeState;
import io.rtdcs.dcs.DcsVerticle;
import io.rtdcs.dcs.load.NodeLoad;
import io.rtdcs.outbound.OutboundVerticle;
import io.rtdcs.partner.PartnerVerticle;
import io.rtdcs.partner.bridge.PartnerBridgeVerticle;
import io.rtdcs.partner.demo.DemoPartnerVerticle;
import io.rtdcs.segment.SegmentVerticle;
import io.rtdcs.segment.held.HeldCallsVerticle;
import io.rtdcs.segment.store.SegmentSerialization;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rtdcs node: joins the Hazelcast cluster through the Vert.x cluster manager, then deploys what
 * the node config asks for (demo partner, segment, partner, partner bridge and dcs verticles, in
 * that order, so HTTP opens last) and marks itself ready.
 */
public final class RtdcsNode {
  private static final Logger LOG = LoggerFactory.getLogger(RtdcsNode.class);
  private static final long STORE_PROBE_MS = 5_000;

  /** How long a graceful stop waits for the calls accepted here to be stored. */
  static final long DRAIN_MS = 10_000;

  /** The longest a graceful stop waits: the drain, then the flush (at most 5 tries), the leave. */
  static final long STOP_MS = 45_000;

  private static final long BACKLOG_MEASURE_MS = 1_000;

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final NodeOptions options;
  private final NodeMetrics metrics;
  private final DurableState durable;

  private RtdcsNode(
      Vertx vertx,
      HazelcastInstance hazelcast,
      NodeOptions options,
      NodeMetrics metrics,
      DurableState durable) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.options = options;
    this.metrics = metrics;
    this.durable = durable;
  }

  /** Starts a node; the future fails (and nothing keeps running) when any part cannot start. */
  public static Future<RtdcsNode> start(NodeOptions options, Clock clock) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(clock, "clock");
    Config hzConfig;
    DurableState durable;
    try {
      hzConfig = HazelcastConfigFactory.create(options);
      SegmentSerialization.register(hzConfig);
      durable = DurableState.open(options.getStore(), clock);
      if (durable != null) {
        durable.configure(hzConfig);
      }
      hzConfig
          .getMemberAttributeConfig()
          .setAttribute(DashboardData.ATTR_HTTP_PORT, Integer.toString(options.getHttpPort()))
          .setAttribute(DashboardData.ATTR_VERTICLES, DashboardData.verticlesAttribute(options));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    HazelcastClusterManager clusterManager = new HazelcastClusterManager(hzConfig);
    EventBusOptions eventBus =
        options
            .getEventBusTls()
            .applyTo(options.getEventBus().toEventBusOptions(options.getClusterHost()));
    VertxOptions vertxOptions = new VertxOptions().setEventBusOptions(eventBus);
    NodeMetrics metrics = NodeMetrics.create(options);
    // the caller's future belongs to no event loop: a failed start closes Vert.x, whose loops could
    // then never pass the failure on (the caller waited forever, the cause unprinted)
    CompletableFuture<RtdcsNode> started = new CompletableFuture<>();
    metrics
        .configure(vertxOptions, Vertx.builder().with(vertxOptions))
        .withClusterManager(clusterManager)
        .buildClustered()
        .onComplete(
            built -> {
              if (built.failed()) {
                if (durable != null) {
                  durable.close();
                }
                started.completeExceptionally(built.cause());
                return;
              }
              Vertx vertx = built.result();
              Meters.publish(vertx, metrics.registry(), metrics.perDefinition());
              HazelcastInstance hz = clusterManager.getHazelcastInstance();
              RtdcsNode node = new RtdcsNode(vertx, hz, options, metrics, durable);
              if (durable != null) {
                node.scheduleSweep();
              }
              node.bindMeters(clock)
                  .compose(v -> node.deployAll(clock))
                  .onComplete(
                      deployed -> {
                        if (deployed.succeeded()) {
                          started.complete(node);
                        } else {
                          closeAfterFailedStart(vertx, node, deployed.cause(), started);
                        }
                      });
            });
    return Future.fromCompletionStage(started);
  }

  /**
   * Closes what a failed start left running, then fails {@code started} with {@code e}: on a thread
   * of its own, since closing Vert.x terminates the event loop this is called on.
   */
  private static void closeAfterFailedStart(
      Vertx vertx, RtdcsNode node, Throwable e, CompletableFuture<RtdcsNode> started) {
    Thread closer =
        new Thread(
            () -> {
              try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
              } catch (Exception closeFailure) {
                e.addSuppressed(closeFailure);
              } finally {
                node.closeDatabase();
                started.completeExceptionally(e);
              }
            },
            "rtdcs-failed-start");
    closer.setDaemon(true);
    closer.start();
  }

  /**
   * The node's own meters: the store's, the cluster's and every rtdcs map's statistics. Taking the
   * maps' proxies may block briefly, so off the event loop; nothing when metrics are off.
   */
  private Future<Void> bindMeters(Clock clock) {
    if (!metrics.enabled()) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          if (durable != null) {
            durable.bindMeters(metrics.registry());
          }
          ClusterMetrics.bind(metrics.registry(), hazelcast, options.getClusterMinimumMembers());
          MapMetrics.bind(metrics.registry(), hazelcast, clock);
          return null;
        });
  }

  private Future<Void> deployAll(Clock clock) {
    Future<?> chain = Future.succeededFuture();
    if (options.isDemoPartnerEnabled()) {
      chain =
          chain.compose(
              v ->
                  vertx.deployVerticle(
                      new DemoPartnerVerticle(),
                      new DeploymentOptions()
                          .setConfig(
                              options
                                  .getDemoPartner()
                                  .toJson()
                                  .put("dcsUrl", VerticleConfigs.nodeBaseUrl(options)))));
    }
    if (options.getSegmentInstances() > 0) {
      chain =
          chain.compose(
              v ->
                  vertx.deployVerticle(
                      () -> new SegmentVerticle(hazelcast, clock),
                      new DeploymentOptions()
                          .setInstances(options.getSegmentInstances())
                          .setConfig(VerticleConfigs.segment(options))));
    }
    // every member replays the orphaned held calls of its own partitions (docs/operations.md)
    chain = chain.compose(v -> vertx.deployVerticle(new HeldCallsVerticle(hazelcast, clock)));
    if (options.getOutboundInstances() > 0) {
      chain =
          chain.compose(
              v ->
                  vertx.deployVerticle(
                      new OutboundVerticle(hazelcast, clock),
                      new DeploymentOptions().setConfig(VerticleConfigs.outbound(options))));
    }
    if (options.getPartnerInstances() > 0) {
      chain =
          chain.compose(
              v ->
                  vertx.deployVerticle(
                      () -> new PartnerVerticle(hazelcast, clock),
                      new DeploymentOptions()
                          .setInstances(options.getPartnerInstances())
                          .setConfig(VerticleConfigs.partner(options))));
    }
    if (options.getBridge().isEnabled()) {
      chain =
          chain.compose(
              v ->
                  vertx.deployVerticle(
                      new PartnerBridgeVerticle(options.getBridge(), hazelcast, clock)));
    }
    if (options.getDcsInstances() > 0) {
      chain =
          chain.compose(
              v ->
                  vertx.deployVerticle(
                      () -> new DcsVerticle(clock, extension(clock)),
                      new DeploymentOptions()
                          .setInstances(options.getDcsInstances())
                          .setConfig(VerticleConfigs.dcs(options))));
    }
    if (options.getDcsInstances() > 0) {
      // ready means warm: the first real call after /health/ready answers within its budget
      WarmupOptions warmup = WarmupOptions.from(options.getDcs());
      chain = chain.compose(v -> new HotPathWarmup(vertx, warmup).run());
    }
    return chain
        .<Void>mapEmpty()
        .onSuccess(
            v -> {
              NodeState.setReady(vertx, true);
              LOG.info(
                  "rtdcs node ready: http {}:{}, cluster '{}' member {}, event bus {}:{}, verticles"
                      + " dcs={} partner={} segment={} outbound={}, {} member(s)",
                  options.getHttpHost(),
                  options.getHttpPort(),
                  options.getClusterName(),
                  hazelcast.getCluster().getLocalMember().getAddress(),
                  eventBusAddress().host(),
                  eventBusAddress().port(),
                  options.getDcsInstances(),
                  options.getPartnerInstances(),
                  options.getSegmentInstances(),
                  options.getOutboundInstances(),
                  hazelcast.getCluster().getMembers().size());
            });
  }

  /** The event-bus address this member advertises to the others (public host and port). */
  public NodeInfo eventBusAddress() {
    return ((VertxInternal) vertx).clusterManager().getNodeInfo();
  }

  private NodeExtension extension(Clock clock) {
    return new NodeExtension(
        metrics,
        new ReadinessChecks(hazelcast, options.getSegmentInstances() > 0, durable),
        new DashboardData(
            hazelcast, metrics.registry(), metrics.perDefinition(), metrics.enabled(), clock));
  }

  /**
   * Leaves the cluster cleanly (peers see a leave, not a crash): first the calls accepted here are
   * stored (at most {@value #DRAIN_MS} ms), then what waits to be written to the database is
   * written, then the node leaves, then the database pool closes.
   */
  public synchronized Future<Void> stop() {
    if (stopping == null) {
      stopping = stopOnce();
    }
    return stopping;
  }

  private Future<Void> stopping;

  private Future<Void> stopOnce() {
    NodeState.setReady(vertx, false);
    Future<Void> drained =
        NodeLoad.drained(vertx, DRAIN_MS)
            .map(
                waiting -> {
                  if (waiting > 0) {
                    LOG.warn("stop: {} accepted calls not stored after {} ms", waiting, DRAIN_MS);
                  }
                  return null;
                });
    Future<Void> flushed =
        durable == null
            ? drained
            : drained.compose(
                d ->
                    vertx
                        .<Void>executeBlocking(
                            () -> {
                              durable.flush(hazelcast);
                              return null;
                            })
                        .recover(
                            e -> {
                              LOG.warn("store: flush at stop failed: {}", e.toString());
                              return Future.succeededFuture();
                            }));
    // vertx.close() completes its future on a thread of its own once the event loops are gone: a
    // future bound to a context (compose, eventually) would then dispatch to a terminated loop
    // (RejectedExecutionException), so the chain below is context-free
    Promise<Void> stopped = Promise.promise();
    flushed.onComplete(
        f ->
            vertx
                .close()
                .onComplete(
                    closed -> {
                      closeDatabase();
                      stopped.handle(closed);
                    }));
    return stopped.future();
  }

  private Future<Void> closeDatabase() {
    if (durable != null) {
      durable.close();
    }
    return Future.succeededFuture();
  }

  /**
   * Every {@code store.sweepIntervalSeconds}, the oldest member deletes the database's expired rows
   * (one sweeper per cluster; any member may take over).
   */
  private void scheduleSweep() {
    boolean[] measuring = {false};
    vertx.setPeriodic(
        BACKLOG_MEASURE_MS,
        id -> {
          if (measuring[0] || !hazelcast.getLifecycleService().isRunning()) {
            return;
          }
          measuring[0] = true;
          vertx
              .executeBlocking(() -> durable.measureBacklog(hazelcast), false)
              .onComplete(ar -> measuring[0] = false);
        });
    boolean[] probing = {false};
    vertx.setPeriodic(
        STORE_PROBE_MS,
        id -> {
          if (probing[0]) {
            return;
          }
          probing[0] = true;
          vertx.executeBlocking(durable::probe, false).onComplete(ar -> probing[0] = false);
        });
    long interval = durable.options().getSweepIntervalSeconds() * 1000L;
    vertx.setPeriodic(
        interval,
        interval,
        id -> {
          if (!hazelcast.getLifecycleService().isRunning()
              || !hazelcast.getCluster().getMembers().iterator().next().localMember()) {
            return;
          }
          vertx
              .executeBlocking(durable::sweep, false)
              .onSuccess(n -> LOG.info("store: swept {} expired rows", n))
              .onFailure(e -> LOG.warn("store: sweep failed: {}", e.toString()));
        });
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  public NodeOptions options() {
    return options;
  }

  /** The per-verticle configs the node hands out. */
  static final class VerticleConfigs {
    private VerticleConfigs() {}

    static JsonObject dcs(NodeOptions o) {
      JsonObject c = o.getDcs().copy();
      // dcs.http.* (timeouts, header limits) stay; the node's http.port/host win
      JsonObject http = c.getValue("http") instanceof JsonObject h ? h : new JsonObject();
      c.put("http", http.put("port", o.getHttpPort()).put("host", o.getHttpHost()));
      JsonObject admin = c.getJsonObject("admin", new JsonObject());
      if (o.getAdminToken() != null) {
        admin.put("token", o.getAdminToken());
      }
      c.put("admin", admin);
      c.put("localSegment", o.getSegmentInstances() > 0);
      c.put("localPartner", o.getPartnerInstances() > 0);
      return c;
    }

    /** Where the demo partner's ID sync returns: this node's HTTP port on loopback. */
    static String nodeBaseUrl(NodeOptions o) {
      return "http://127.0.0.1:" + o.getHttpPort();
    }

    static JsonObject partner(NodeOptions o) {
      return o.getPartner()
          .copy()
          .put("definitions", o.getDefinitions().getJsonArray("partners", new JsonArray()).copy())
          .put("egress", egress(o));
    }

    /** The {@code outbound} section, with the addresses pushes and token requests may reach. */
    static JsonObject outbound(NodeOptions o) {
      return o.getOutbound().copy().put("egress", egress(o));
    }

    static JsonObject egress(NodeOptions o) {
      return new JsonObject().put("allow", o.getEgress().toJson());
    }

    static JsonObject segment(NodeOptions o) {
      JsonObject d = o.getDefinitions();
      return o.getSegment()
          .copy()
          .put("outbound", o.getOutbound().copy())
          .put("egress", egress(o))
          .put(
              "definitions",
              new JsonObject()
                  .put("traits", d.getJsonArray("traits", new JsonArray()).copy())
                  .put("segments", d.getJsonArray("segments", new JsonArray()).copy())
                  .put("destinations", d.getJsonArray("destinations", new JsonArray()).copy())
                  .put("mergeRules", d.getJsonArray("mergeRules", new JsonArray()).copy()));
    }
  }
}
