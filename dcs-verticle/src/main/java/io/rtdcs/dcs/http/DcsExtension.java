package io.rtdcs.dcs.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * What the process hosting the HTTP front adds to it without this module knowing about it: routes
 * (the node mounts {@code /metrics} and {@code /dashboard}) and readiness checks (cluster state,
 * definitions). Called once per verticle instance, on its context, after the built-in routes.
 */
public interface DcsExtension {
  /** Adds nothing. */
  DcsExtension NONE = new DcsExtension() {};

  /** Mounts extra routes; the admin token (or null) is the one {@code /admin/*} checks. */
  default void mount(Vertx vertx, Router router, String adminToken) {}

  /** Registers extra checks reported by {@code /health/ready}. */
  default void readiness(Vertx vertx, HealthCheckHandler ready) {}
}
