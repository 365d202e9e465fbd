package io.rtdcs.dcs.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Bearer-token gate of the admin routes: no token configured -> 404 (the routes do not exist),
 * missing or wrong token -> 401. Compares in constant time.
 */
public final class AdminAuth implements Handler<RoutingContext> {
  private static final String PREFIX = "Bearer ";
  private final byte[] expected;

  public AdminAuth(String token) {
    this.expected = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (expected == null) {
      AdminHandler.error(ctx, 404, "not found");
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    byte[] given =
        header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
            ? header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(expected, given)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      AdminHandler.error(ctx, 401, "missing or wrong bearer token");
      return;
    }
    ctx.next();
  }

  static JsonObject body(String message) {
    return new JsonObject().put("error", message);
  }
}
