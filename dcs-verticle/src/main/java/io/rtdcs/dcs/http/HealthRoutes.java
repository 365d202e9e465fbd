package io.rtdcs.dcs.http;

import io.rtdcs.common.NodeState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * {@code /health/live}: 200 while this server answers. {@code /health/ready}: 200 once the node
 * says it is ready ({@link NodeState}) and every check the hosting process adds ({@link
 * DcsExtension#readiness}) is up, else 503. Bodies list each check's status.
 */
public final class HealthRoutes {

  public static void mount(Vertx vertx, Router router) {
    mount(vertx, router, DcsExtension.NONE);
  }

  public static void mount(Vertx vertx, Router router, DcsExtension extension) {
    mount(vertx, router, extension, true);
  }

  /**
   * @param details whether the bodies list each check and its data (members, store state, ...);
   *     without, only the outcome: what a public port shows when an admin listener carries the
   *     details
   */
  public static void mount(Vertx vertx, Router router, DcsExtension extension, boolean details) {
    HealthCheckHandler live =
        HealthCheckHandler.create(vertx).register("http", p -> p.complete(Status.OK()));
    HealthCheckHandler ready =
        HealthCheckHandler.create(vertx)
            .register("http", p -> p.complete(Status.OK()))
            .register(
                "node", p -> p.complete(NodeState.isReady(vertx) ? Status.OK() : Status.KO()));
    extension.readiness(vertx, ready);
    if (!details) {
      ready.resultMapper(
          result ->
              Future.succeededFuture(
                  new CheckResult()
                      .setStatus(CheckResult.isUp(result) ? Status.OK() : Status.KO())));
    }
    router.get("/health/live").handler(live);
    router.get("/health/ready").handler(ready);
  }

  private HealthRoutes() {}
}
