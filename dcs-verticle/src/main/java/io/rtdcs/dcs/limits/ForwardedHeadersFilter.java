package io.rtdcs.dcs.limits;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * With {@code trustedProxies} configured (plain HTTP behind a terminating proxy), removes {@code
 * X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} from requests whose peer
 * is not a trusted proxy, so no later handler can be fooled by a client's own headers. Without
 * trusted proxies it does nothing (the headers are then only informational, as before).
 */
public final class ForwardedHeadersFilter implements Handler<RoutingContext> {
  private final ClientAddress clients;

  public ForwardedHeadersFilter(ClientAddress clients) {
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (clients.hasTrustedProxies()
        && (request.remoteAddress() == null
            || !clients.isTrusted(request.remoteAddress().hostAddress()))) {
      request
          .headers()
          .remove("X-Forwarded-For")
          .remove("X-Forwarded-Proto")
          .remove("X-Forwarded-Host");
    }
    ctx.next();
  }
}
