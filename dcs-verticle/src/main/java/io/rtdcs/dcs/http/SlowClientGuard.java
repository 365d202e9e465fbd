package io.rtdcs.dcs.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cuts off clients that hold a request open: every request must be answered within {@code
 * requestTimeoutMs}; one that is not (a body trickling in byte by byte) is answered 408 and its
 * connection is closed. Silent connections and request heads that stall are closed by the server's
 * idle timeout ({@code http.idleTimeoutSeconds}).
 */
public final class SlowClientGuard {
  private final Vertx vertx;
  private final long requestTimeoutMs;
  private final LongAdder cutOff = new LongAdder();

  public SlowClientGuard(Vertx vertx, long requestTimeoutMs) {
    this.vertx = vertx;
    this.requestTimeoutMs = requestTimeoutMs;
  }

  /** Wraps the server's request handler with the per-request deadline. */
  public Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
    return request -> {
      HttpConnection connection = request.connection();
      HttpServerResponse response = request.response();
      long timer =
          vertx.setTimer(
              requestTimeoutMs,
              id -> {
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
      response.endHandler(v -> vertx.cancelTimer(timer));
      response.closeHandler(v -> vertx.cancelTimer(timer));
      next.handle(request);
    };
  }

  /** Requests cut off so far. */
  public long cutOff() {
    return cutOff.sum();
  }
}
