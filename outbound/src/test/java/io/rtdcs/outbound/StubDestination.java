package io.rtdcs.outbound;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real HTTP destination on 127.0.0.1: records every request (headers, raw body, arrival time) and
 * answers the n-th request (1-based) with the status {@code script} gives, or never (status 0: the
 * request hangs).
 */
public final class StubDestination implements AutoCloseable {
  /** One received request. */
  public record Received(MultiMap headers, String body, long nanos) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  private final List<Long> closedNanos = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile IntFunction<Integer> script = n -> 200;

  public StubDestination() {
    server = await(vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"));
  }

  public StubDestination answer(IntFunction<Integer> script) {
    this.script = script;
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/from-rtdcs";
  }

  public String tokenUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/token";
  }

  public List<Received> received() {
    return received;
  }

  /** When the connections of unanswered requests were closed by the caller, in order. */
  public List<Long> closedNanos() {
    return closedNanos;
  }

  /** The Authorization headers of the token requests. */
  public List<String> tokenRequests() {
    return tokenRequests;
  }

  private void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(
            body -> {
              if (req.path().equals("/token")) {
                tokenRequests.add(
                    req.getHeader("Authorization")
                        + " "
                        + body.toString()
                        + " "
                        + req.getHeader("Content-Type"));
                req.response()
                    .putHeader("Content-Type", "application/json")
                    .end(
                        new JsonObject()
                            .put("token_type", "Bearer")
                            .put("access_token", "token-" + tokenRequests.size())
                            .encode());
                return;
              }
              received.add(new Received(req.headers(), body.toString(), System.nanoTime()));
              int status = script.apply(received.size());
              if (status > 0) {
                req.response().setStatusCode(status).end();
              } else {
                req.connection().closeHandler(v -> closedNanos.add(System.nanoTime()));
              }
            });
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }
}
