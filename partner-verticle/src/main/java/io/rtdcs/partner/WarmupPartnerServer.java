package io.rtdcs.partner;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Objects;

/**
 * The throw-away partner the warm-up calls: an HTTP server on 127.0.0.1 only, answering every GET
 * and POST with one fixed body (a partner answer: a few segments) after reading the request, and
 * counting what arrived. Lives for one warm-up.
 */
final class WarmupPartnerServer {
  static final String HOST = "127.0.0.1";

  /**
   * What reached the server: requests, of which POST, GET, and carrying {@code signatureHeader}.
   */
  record Seen(long requests, long posts, long gets, long signed) {
    static final Seen NONE = new Seen(0, 0, 0, 0);
  }

  private final String answer;
  private final String signatureHeader;
  private HttpServer server;
  private long requests;
  private long posts;
  private long gets;
  private long signed;

  private WarmupPartnerServer(String answer, String signatureHeader) {
    this.answer = Objects.requireNonNull(answer, "answer");
    this.signatureHeader = Objects.requireNonNull(signatureHeader, "signatureHeader");
  }

  /**
   * A server listening on 127.0.0.1:{@code port} (0: any free port), on the caller's context; fails
   * when it cannot listen.
   */
  static Future<WarmupPartnerServer> start(
      Vertx vertx, int port, String answer, String signatureHeader) {
    WarmupPartnerServer partner = new WarmupPartnerServer(answer, signatureHeader);
    HttpServer server = vertx.createHttpServer().requestHandler(partner::handle);
    return server
        .listen(port, HOST)
        .map(
            s -> {
              partner.server = s;
              return partner;
            });
  }

  int port() {
    return server.actualPort();
  }

  /** What arrived so far (read on the server's context, or after {@link #close}). */
  synchronized Seen seen() {
    return new Seen(requests, posts, gets, signed);
  }

  Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest request) {
    request
        .body()
        .onComplete(
            body -> {
              count(request);
              request
                  .response()
                  .putHeader("Content-Type", "application/json")
                  .end(answer)
                  .onFailure(t -> {}); // the client may have reset: nothing to do
            });
  }

  private synchronized void count(HttpServerRequest request) {
    requests++;
    if (request.method() == HttpMethod.POST) {
      posts++;
    } else if (request.method() == HttpMethod.GET) {
      gets++;
    }
    if (request.getHeader(signatureHeader) != null) {
      signed++;
    }
  }
}
