package io.rtdcs.dcs.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cuts off clients that hold a request open: every request must be answered within {@code
 * requestTimeoutMs}; one that is not (a body trickling in byte by byte) is answered 408 and its
 * connection is closed. Silent connections and request heads that stall are closed by the server's
 * idle timeout ({@code http.idleTimeoutSeconds}).
 *
 * <p>The first handler of the router: its deadline timer is cancelled through {@link
 * RoutingContext#addEndHandler}, which runs with every other end handler. (It wrapped the router
 * and set the response's own end handler until 2026-12-04, which Vert.x Web replaces with its own:
 * every answered request's timer then ran its full 10 s and held the request, its response and its
 * routing context, some 90,000 of them at 10k calls/s, a third of the node's CPU in GC.)
 */
public final class SlowClientGuard implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final long requestTimeoutMs;
  private final LongAdder cutOff = new LongAdder();
  private final LongAdder pending = new LongAdder();

  public SlowClientGuard(Vertx vertx, long requestTimeoutMs) {
    this.vertx = vertx;
    this.requestTimeoutMs = requestTimeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    HttpServerResponse response = ctx.response();
    pending.increment();
    long timer =
        vertx.setTimer(
            requestTimeoutMs,
            id -> {
              pending.decrement();
              if (!response.ended() && !response.closed()) {
                cutOff.increment();
                if (!response.headWritten()) {
                  response.setStatusCode(408).putHeader("Connection", "close").end();
                }
                if (connection != null) {
                  connection.close();
                }
              }
            });
    ctx.addEndHandler(
        ar -> {
          if (vertx.cancelTimer(timer)) {
            pending.decrement();
          }
        });
    ctx.next();
  }

  /** Requests cut off so far. */
  public long cutOff() {
    return cutOff.sum();
  }

  /** Requests whose deadline timer is still set (neither answered nor cut off yet). */
  public long pending() {
    return pending.sum();
  }
}
