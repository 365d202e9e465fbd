package io.rtdcs.dcs.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cuts off clients that hold a connection without finishing a request: a new connection must send a
 * whole request head within {@code headerTimeoutMs}, and every request must be answered within
 * {@code requestTimeoutMs} (a body trickling in byte by byte is answered 408 and the connection is
 * closed). The idle timeout of the server options covers silent connections.
 */
public final class SlowClientGuard {
  private final Vertx vertx;
  private final long headerTimeoutMs;
  private final long requestTimeoutMs;
  private final Map<HttpConnection, Long> waitingForHead = new ConcurrentHashMap<>();
  private final LongAdder cutOff = new LongAdder();

  public SlowClientGuard(Vertx vertx, long headerTimeoutMs, long requestTimeoutMs) {
    this.vertx = vertx;
    this.headerTimeoutMs = headerTimeoutMs;
    this.requestTimeoutMs = requestTimeoutMs;
  }

  /** The server's connection handler. */
  public void onConnection(HttpConnection connection) {
    long timer =
        vertx.setTimer(
            headerTimeoutMs,
            id -> {
              if (waitingForHead.remove(connection) != null) {
                cutOff.increment();
                connection.close();
              }
            });
    waitingForHead.put(connection, timer);
    connection.closeHandler(
        v -> {
          Long t = waitingForHead.remove(connection);
          if (t != null) {
            vertx.cancelTimer(t);
          }
        });
  }

  /** Wraps the server's request handler with the per-request deadline. */
  public Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
    return request -> {
      HttpConnection connection = request.connection();
      Long head = connection == null ? null : waitingForHead.remove(connection);
      if (head != null) {
        vertx.cancelTimer(head);
      }
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

  /** Connections and requests cut off so far. */
  public long cutOff() {
    return cutOff.sum();
  }
}
