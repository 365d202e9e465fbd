package io.rtdcs.partner.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A partner of ours on 127.0.0.1 with one path per behaviour (the fault zoo), recording every
 * request it receives (method, path with query, headers, body).
 *
 * <ul>
 *   <li>{@code /ok?seg=a,b} 200 with those segments, {@code /ok?delay=N} after N ms
 *   <li>{@code /nodata} 204, {@code /empty-list} 200 with no segments
 *   <li>{@code /slow} 200 after 2 s, {@code /hang} never
 *   <li>{@code /status500}, {@code /garbage}, {@code /huge} (1 MB, Content-Length), {@code
 *       /huge-chunked} (1 MB, chunked), {@code /too-many} (500 segments), {@code /wrong-types}
 *   <li>{@code /reset} resets the connection after reading the request, {@code /empty-reply} closes
 *       it without a byte
 *   <li>{@code /dribble} sends headers at once, then one body byte every 50 ms
 * </ul>
 */
public final class StubPartnerServer {
  /** One request as the stub saw it. */
  public record Seen(String method, String uri, String signature, Buffer body) {}

  private final Vertx vertx;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;

  private StubPartnerServer(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Started (blocking; call from the test thread). */
  public static StubPartnerServer start(Vertx vertx) {
    StubPartnerServer stub = new StubPartnerServer(vertx);
    stub.server =
        vertx.createHttpServer().requestHandler(stub::handle).listen(0, "127.0.0.1").await();
    return stub;
  }

  public int port() {
    return server.actualPort();
  }

  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + port() + pathAndQuery;
  }

  public List<Seen> seen() {
    return seen;
  }

  private void handle(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            body -> {
              seen.add(
                  new Seen(
                      request.method().name(),
                      request.uri(),
                      request.getHeader("X-Signature"),
                      body));
              respond(request);
            });
  }

  private void respond(HttpServerRequest request) {
    switch (request.path()) {
      case "/ok" -> {
        String segs = request.getParam("seg", "a");
        long delay = Long.parseLong(request.getParam("delay", "0"));
        JsonObject answer =
            new JsonObject()
                .put("segments", new JsonArray(List.of(segs.split(","))))
                .put("ttl", 60);
        later(delay, () -> json(request, 200, answer.encode()));
      }
      case "/nodata" -> request.response().setStatusCode(204).end();
      case "/empty-list" -> json(request, 200, "{\"segments\":[],\"ttl\":30}");
      case "/slow" -> later(2_000, () -> json(request, 200, "{\"segments\":[\"late\"]}"));
      case "/hang" -> {}
      case "/status500" -> request.response().setStatusCode(500).end("boom");
      case "/garbage" -> json(request, 200, "{\"segments\": [no json here");
      case "/huge" -> json(request, 200, hugeAnswer());
      case "/huge-chunked" -> {
        request.response().setChunked(true).putHeader("Content-Type", "application/json");
        request.response().end(hugeAnswer());
      }
      case "/too-many" -> {
        JsonArray many = new JsonArray();
        for (int i = 0; i < 500; i++) {
          many.add("s" + i);
        }
        json(request, 200, new JsonObject().put("segments", many).encode());
      }
      case "/wrong-types" -> json(request, 200, "{\"segments\":[1,2],\"ttl\":\"x\"}");
      case "/reset" -> request.response().reset();
      case "/empty-reply" -> request.connection().close();
      case "/dribble" -> dribble(request);
      default -> request.response().setStatusCode(404).end();
    }
  }

  private void later(long delay, Runnable action) {
    if (delay <= 0) {
      action.run();
    } else {
      vertx.setTimer(delay, id -> action.run());
    }
  }

  private static void json(HttpServerRequest request, int status, String body) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body);
  }

  private static String hugeAnswer() {
    StringBuilder sb = new StringBuilder("{\"segments\":[\"x\"],\"pad\":\"");
    sb.append("p".repeat(1_000_000));
    return sb.append("\"}").toString();
  }

  private void dribble(HttpServerRequest request) {
    Buffer body = Buffer.buffer("{\"segments\":[\"dribbled\"],\"ttl\":60}");
    request
        .response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Content-Length", Integer.toString(body.length()))
        .writeHead();
    int[] sent = {0};
    vertx.setPeriodic(
        50,
        id -> {
          if (request.response().closed() || sent[0] >= body.length()) {
            vertx.cancelTimer(id);
            if (!request.response().closed() && !request.response().ended()) {
              request.response().end();
            }
            return;
          }
          request.response().write(body.getBuffer(sent[0], sent[0] + 1));
          sent[0]++;
        });
  }
}
