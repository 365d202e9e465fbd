package io.rtdcs.dcs;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.ConfigValues;
import io.rtdcs.common.Meters;
import io.rtdcs.common.NodeState;
import io.rtdcs.dcs.flow.BusClient;
import io.rtdcs.dcs.flow.CallReplayHandler;
import io.rtdcs.dcs.flow.EventService;
import io.rtdcs.dcs.flow.HeldCalls;
import io.rtdcs.dcs.flow.PartnerPresence;
import io.rtdcs.dcs.flow.RealizeDelivery;
import io.rtdcs.dcs.http.AdminAuth;
import io.rtdcs.dcs.http.AdminHandler;
import io.rtdcs.dcs.http.AnswerSender;
import io.rtdcs.dcs.http.ApiDocument;
import io.rtdcs.dcs.http.DataSubjectHandler;
import io.rtdcs.dcs.http.DcsExtension;
import io.rtdcs.dcs.http.DefinitionSchemas;
import io.rtdcs.dcs.http.EventHandler;
import io.rtdcs.dcs.http.ExportHandler;
import io.rtdcs.dcs.http.HealthRoutes;
import io.rtdcs.dcs.http.HttpMetricsHandler;
import io.rtdcs.dcs.http.IbsHandler;
import io.rtdcs.dcs.http.ImportHandler;
import io.rtdcs.dcs.http.OptOutHandler;
import io.rtdcs.dcs.http.ServerLimits;
import io.rtdcs.dcs.http.SlowClientGuard;
import io.rtdcs.dcs.http.WarmupCalls;
import io.rtdcs.dcs.limits.AbuseLimitHandler;
import io.rtdcs.dcs.load.AdmissionControl;
import io.rtdcs.dcs.load.LoadOptions;
import io.rtdcs.dcs.load.LoopLagProbe;
import io.rtdcs.dcs.load.NodeLoad;
import io.rtdcs.dcs.request.EventRequestParser;
import io.rtdcs.dcs.request.Identifiers;
import io.rtdcs.dcs.response.EventResponseWriter;
import io.rtdcs.dcs.site.SiteRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP front of rtdcs: AAM-compatible {@code /event}, {@code /ibs}, {@code /demoptout.jpg},
 * health and admin routes, and {@code /openapi.json} (docs/http-api.md). Several instances share
 * one port; each wires its own handlers and talks to the other verticles over the event bus
 * (docs/event-bus.md).
 */
public final class DcsVerticle extends VerticleBase {
  private final Clock clock;
  private final DcsExtension extension;
  private HttpServer server;
  private HttpServer adminServer;
  private Router adminRouter;
  private SecurityWiring security;
  private LoadOptions loadOptions;
  private AdmissionControl admission;
  private SlowClientGuard guard;

  public DcsVerticle(Clock clock) {
    this(clock, DcsExtension.NONE);
  }

  /** With routes and readiness checks the hosting process adds (the node's metrics, dashboard). */
  public DcsVerticle(Clock clock, DcsExtension extension) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.extension = Objects.requireNonNull(extension, "extension");
  }

  /** The per-request deadline of the HTTP front (tests). */
  public SlowClientGuard slowClientGuard() {
    return guard;
  }

  /** Keys of the {@code dcs} section that the hosting node reads (its warm-up, docs). */
  static final String[] NODE_KEYS = {"warmup.enabled", "warmup.maxSeconds"};

  @Override
  public Future<?> start() {
    DcsOptions options;
    ServerLimits limits;
    try {
      // one reader for the whole section: a key none of the readers asks for stops the start
      ConfigValues config = new ConfigValues(config());
      options = new DcsOptions(config);
      // our own 414 (with an errors entry) applies first; the codec stops what is far beyond
      limits = ServerLimits.from(config, options.getMaxGetBytes());
      security = SecurityWiring.from(config);
      loadOptions = LoadOptions.from(config);
      config.allow(NODE_KEYS).rejectUnknown("dcs");
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    guard = new SlowClientGuard(vertx, limits.requestTimeoutMs());
    Router router = router(options);
    admission.start();
    HttpServerOptions http =
        limits.applyTo(
            new HttpServerOptions().setPort(options.getHttpPort()).setHost(options.getHttpHost()));
    server = vertx.createHttpServer(http).requestHandler(router);
    Future<HttpServer> listening =
        server
            .listen()
            .recover(e -> cannotListen("http", options.getHttpHost(), options.getHttpPort(), e));
    if (adminRouter == null) {
      return listening.andThen(ar -> publishPort());
    }
    HttpServerOptions adminHttp =
        limits.applyTo(
            new HttpServerOptions().setPort(security.adminPort()).setHost(security.adminHost()));
    adminServer = vertx.createHttpServer(adminHttp).requestHandler(adminRouter);
    return listening
        .andThen(ar -> publishPort())
        .compose(
            s ->
                adminServer
                    .listen()
                    .recover(
                        e -> cannotListen("admin", security.adminHost(), security.adminPort(), e)));
  }

  /** A listen failure that names what could not listen where ("Address already in use" alone). */
  private static Future<HttpServer> cannotListen(String what, String host, int port, Throwable e) {
    return Future.failedFuture(
        new IllegalStateException(
            what + " listener " + host + ":" + port + ": " + e.getMessage(), e));
  }

  /** This node's cluster id (the Hazelcast member's), or "" when Vert.x is not clustered. */
  private String nodeId() {
    ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
    return cluster == null ? "" : cluster.getNodeId();
  }

  /** For the node's warm-up, which calls this listener (every instance shares the port). */
  private void publishPort() {
    if (server.actualPort() > 0) {
      NodeState.setHttpPort(vertx, server.actualPort());
    }
  }

  @Override
  public Future<?> stop() {
    if (admission != null) {
      admission.stop();
    }
    return Future.succeededFuture();
  }

  /** The port of the separate admin listener ({@code admin.port}), or -1 when there is none. */
  public int actualAdminPort() {
    return adminServer == null ? -1 : adminServer.actualPort();
  }

  /** The port actually bound (useful with {@code http.port} 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  private Router router(DcsOptions options) {
    Identifiers ids = new Identifiers(clock);
    BusClient bus =
        new BusClient(vertx.eventBus(), options.isLocalSegment(), options.isLocalPartner());
    EventResponseWriter writer = new EventResponseWriter(options.getRegion());
    AnswerSender sender =
        new AnswerSender(
            options.getCookieName(), options.getCookieDomain(), options.getCookieMaxAgeDays());
    NodeLoad load = NodeLoad.of(vertx, Meters.registry(vertx));
    WarmupCalls warmups = new WarmupCalls(NodeState.warmupToken(vertx));
    admission =
        new AdmissionControl(loadOptions, load, new LoopLagProbe(vertx), options.getBudgetMs());
    RealizeDelivery delivery = new RealizeDelivery(vertx, bus, clock, loadOptions, load);
    EventService service =
        new EventService(
            vertx,
            bus,
            delivery,
            new HeldCalls(bus, nodeId(), loadOptions),
            loadOptions.holdLeadMs(),
            ids,
            clock,
            options.getStepsBudgetMs(),
            options.getStoreReserveMs(),
            options.isDebug(),
            security.consent(),
            new PartnerPresence(clock));
    vertx.eventBus().consumer(Addresses.CALL_REPLAY, new CallReplayHandler(service));
    EventHandler event =
        new EventHandler(
            new EventRequestParser(
                options.getMaxKeys(),
                options.getMaxGetBytes(),
                options.getMaxPostBytes(),
                options.declaredIdProof(),
                options.getJsonpOrigins()),
            service,
            writer,
            sender,
            ids,
            options.getCookieName(),
            options.getMaxPostBytes(),
            admission,
            warmups);
    IbsHandler ibs =
        new IbsHandler(
            bus,
            writer,
            sender,
            ids,
            clock,
            options.getCookieName(),
            options.getBudgetMs(),
            options.getMaxGetBytes(),
            security.consent());
    OptOutHandler optOut =
        new OptOutHandler(
            bus,
            writer,
            sender,
            ids,
            options.getCookieName(),
            options.getAdminTimeoutMs(),
            options.getMaxGetBytes(),
            options.declaredIdProof());
    AdminAuth auth = new AdminAuth(options.getAdminToken());
    DefinitionSchemas schemas = new DefinitionSchemas();
    AdminHandler admin = new AdminHandler(bus, options.getAdminTimeoutMs(), schemas);

    Router router = Router.router(vertx);
    router.route().handler(guard); // first: its deadline covers every route
    router.route().handler(new HttpMetricsHandler(Meters.registry(vertx), options.getBudgetMs()));
    Router adminRoutes = router;
    if (security.adminPort() >= 0) {
      adminRouter = Router.router(vertx);
      adminRoutes = adminRouter;
    }
    if (!options.getCorsOrigins().isEmpty()) {
      router
          .route()
          .handler(
              CorsHandler.create()
                  .addOrigins(options.getCorsOrigins())
                  .allowCredentials(true)
                  .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
                  .allowedHeader("Content-Type")
                  .exposedHeader("X-Error"));
    }
    router.route().handler(security.forwardedHeaders());
    AbuseLimitHandler abuse =
        security.abuseLimits(
            vertx, clock, writer, sender, ids, options.getCookieName(), options.getRegion());
    router
        .route()
        .handler(
            ctx -> {
              // the node's own warm-up calls are not a client's: no bucket, no deny list
              if (warmups.isWarmup(ctx.request().getHeader(WarmupCalls.HEADER))) {
                ctx.next();
              } else {
                abuse.handle(ctx);
              }
            });
    router
        .route()
        .handler(
            ctx -> {
              if (IbsHandler.matches(ctx.request().path())
                  && ctx.request().method() == HttpMethod.GET) {
                ibs.handle(ctx);
              } else {
                ctx.next();
              }
            });
    router.get("/event").handler(event);
    router.post("/event").handler(event);
    router.get("/demoptout.jpg").handler(optOut);
    // with an admin listener, the public port tells a load balancer up or down and nothing more;
    // the details (members, store state), /metrics and the dashboard are on the admin listener
    boolean adminListener = security.adminPort() >= 0;
    HealthRoutes.mount(vertx, router, extension, !adminListener);
    if (adminListener) {
      HealthRoutes.mount(vertx, adminRoutes, extension, true);
    }
    SiteRoutes.mount(router, options.getCorsOrigins());
    adminRoutes.route("/admin/*").handler(auth);
    // before /admin/:kind, which would take "export" for a kind
    adminRoutes.get("/admin/export").handler(new ExportHandler(bus, options.getAdminTimeoutMs()));
    adminRoutes
        .post("/admin/import")
        .handler(new ImportHandler(vertx, bus, options.getAdminTimeoutMs(), schemas));
    adminRoutes.get("/admin/:kind").handler(admin::list);
    adminRoutes.get("/admin/:kind/:id").handler(admin::item);
    adminRoutes.put("/admin/:kind/:id").handler(admin::item);
    adminRoutes.delete("/admin/:kind/:id").handler(admin::item);
    adminRoutes.route("/profiles/*").handler(auth);
    adminRoutes.get("/profiles/:uuid").handler(admin::profile);
    adminRoutes.get("/profiles/by-declared-id/:dpid/:id").handler(admin::person);
    DataSubjectHandler subjects = new DataSubjectHandler(admin);
    adminRoutes.delete("/profiles/:uuid").handler(subjects::byUuid);
    adminRoutes.delete("/profiles").handler(auth).handler(subjects::byDeclaredId);
    // the API's contract, open (it holds no secret), beside /metrics: on the admin listener if any
    ApiDocument.mount(adminRoutes);
    extension.mount(vertx, adminRoutes, options.getAdminToken());
    return router;
  }
}
