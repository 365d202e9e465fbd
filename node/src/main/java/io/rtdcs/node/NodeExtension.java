package io.rtdcs.node;

import io.rtdcs.dcs.http.AdminAuth;
import io.rtdcs.dcs.http.DcsExtension;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * What the node adds to the HTTP front: {@code GET /metrics} (Prometheus text, when {@code
 * metrics.enabled}), the dashboard ({@code /dashboard}, its script, and {@code /dashboard/data}
 * behind the admin token) and the readiness checks of {@link ReadinessChecks}.
 */
final class NodeExtension implements DcsExtension {
  private final NodeMetrics metrics;
  private final ReadinessChecks readiness;
  private final DashboardData dashboard;

  NodeExtension(NodeMetrics metrics, ReadinessChecks readiness, DashboardData dashboard) {
    this.metrics = metrics;
    this.readiness = readiness;
    this.dashboard = dashboard;
  }

  @Override
  public void mount(Vertx vertx, Router router, String adminToken) {
    if (metrics.enabled()) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.prometheus()));
    }
    if (adminToken != null) {
      DashboardRoutes.mount(router, new AdminAuth(adminToken), dashboard);
    }
  }

  @Override
  public void readiness(Vertx vertx, HealthCheckHandler ready) {
    readiness.register(vertx, ready);
  }
}
