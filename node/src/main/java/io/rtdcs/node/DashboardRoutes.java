package io.rtdcs.node;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The dashboard: {@code GET /dashboard} (the page) and {@code /dashboard/dashboard.js} are static
 * and open (they hold no data); {@code GET /dashboard/data} answers the JSON snapshot only with the
 * admin bearer token, which the page asks for once and keeps in the tab's sessionStorage. Strict
 * CSP: scripts and data from this origin only, no inline script, no framing.
 */
final class DashboardRoutes {
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src"
          + " 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private DashboardRoutes() {}

  static void mount(Router router, Handler<RoutingContext> auth, DashboardData data) {
    router.get("/dashboard").handler(resource("dashboard/index.html", "text/html; charset=utf-8"));
    router
        .get("/dashboard/dashboard.js")
        .handler(resource("dashboard/dashboard.js", "text/javascript; charset=utf-8"));
    router
        .get("/dashboard/dashboard.css")
        .handler(resource("dashboard/dashboard.css", "text/css; charset=utf-8"));
    router.get("/dashboard/data").handler(auth);
    router
        .get("/dashboard/data")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(data.snapshot().toBuffer()));
  }

  private static Handler<RoutingContext> resource(String name, String type) {
    Buffer body = read(name);
    return ctx ->
        ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, type)
            .putHeader("Content-Security-Policy", CSP)
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
            .end(body);
  }

  private static Buffer read(String name) {
    try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
