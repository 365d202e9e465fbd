package io.rtdcs.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a node's {@code /event} on 127.0.0.1 (port 0), told by each call's query what to
 * do: {@code mode=ok} (200 {@code {"errors":[]}}, the default), {@code mode=busy} (200 with error
 * 201), {@code mode=refuse} (429, {@code Retry-After: 3}, error 203), {@code mode=error} (500),
 * {@code mode=hang} (no answer); {@code delay=D} answers after D ms. {@link #serialized} makes a
 * server that answers one call at a time, each D ms after the previous answer (or its arrival): a
 * server whose capacity is 1000 / D calls per second.
 */
final class StubDcs {
  private final HttpServer server;
  final AtomicInteger received = new AtomicInteger();

  private StubDcs(Vertx vertx, long serialMillis) {
    long[] nextFree = {0};
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  received.incrementAndGet();
                  if (serialMillis > 0) {
                    long now = System.nanoTime();
                    long at = Math.max(now, nextFree[0]) + serialMillis * 1_000_000;
                    nextFree[0] = at;
                    vertx.setTimer(Math.max(1, (at - now) / 1_000_000), id -> answer(req));
                    return;
                  }
                  long delay = Long.parseLong(param(req, "delay", "0"));
                  if (delay > 0) {
                    vertx.setTimer(delay, id -> answer(req));
                  } else {
                    answer(req);
                  }
                });
  }

  static StubDcs immediate(Vertx vertx) {
    return new StubDcs(vertx, 0).listen();
  }

  static StubDcs serialized(Vertx vertx, long millisPerCall) {
    return new StubDcs(vertx, millisPerCall).listen();
  }

  private StubDcs listen() {
    server.listen(0, "127.0.0.1").await();
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  void close() {
    server.close().await();
  }

  private static String param(HttpServerRequest req, String name, String dflt) {
    String v = req.getParam(name);
    return v == null ? dflt : v;
  }

  private static void answer(HttpServerRequest req) {
    String uuid = param(req, "d_uuid", "");
    String json = "application/json";
    switch (param(req, "mode", "ok")) {
      case "busy" ->
          req.response()
              .putHeader("content-type", json)
              .end(
                  "{\"uuid\":\""
                      + uuid
                      + "\",\"traits\":[],\"errors\":[{\"code\":201,\"msg\":\"node busy\"}]}");
      case "refuse" ->
          req.response()
              .setStatusCode(429)
              .putHeader("Retry-After", "3")
              .putHeader("content-type", json)
              .end("{\"errors\":[{\"code\":203,\"msg\":\"overloaded\"}]}");
      case "error" -> req.response().setStatusCode(500).end("broken");
      case "hang" -> {}
      default ->
          req.response()
              .putHeader("content-type", json)
              .end(
                  "{\"uuid\":\""
                      + uuid
                      + "\",\"traits\":[1001,\"2001\"],\"segments\":[5001],\"errors\":[]}");
    }
  }
}
