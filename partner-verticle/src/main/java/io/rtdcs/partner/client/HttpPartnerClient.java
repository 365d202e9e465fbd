package io.rtdcs.partner.client;

import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.util.Objects;

/**
 * The one requester of an HTTP partner: owns the I/O, the hard deadline, the body cap and the
 * answer validation. Its own timer resets the request at {@code tmax} whatever the connection is
 * doing (connecting, waiting for headers, or receiving a dribbled body): Vert.x request timeouts
 * are idle timeouts and would let a slow trickle run on. Before anything is sent, the address the
 * connection reached is checked against {@code egress.allow}: a partner host that resolves to an
 * internal address at call time (DNS rebinding) gets no request.
 */
public final class HttpPartnerClient implements PartnerClient {
  private final Vertx vertx;
  private final HttpClient httpClient;
  private final PartnerRequestFactory requestFactory;
  private final PartnerAnswerParser parser;
  private final int maxBodyBytes;
  private final OutboundAddressPolicy egress;

  public HttpPartnerClient(
      Vertx vertx,
      HttpClient httpClient,
      PartnerRequestFactory requestFactory,
      PartnerAnswerParser parser,
      int maxBodyBytes,
      OutboundAddressPolicy egress) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    this.requestFactory = Objects.requireNonNull(requestFactory, "requestFactory");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.maxBodyBytes = maxBodyBytes;
    this.egress = Objects.requireNonNull(egress, "egress");
  }

  @Override
  public Future<PartnerResult> call(PartnerCall call) {
    OutboundRequest outbound;
    try {
      outbound = requestFactory.create(call);
    } catch (RuntimeException e) {
      return Future.succeededFuture(PartnerResult.error("cannot build request: " + e.getMessage()));
    }
    return new Exchange(call.tmax()).start(outbound);
  }

  /** The state of one call: completes exactly once, then tears the request down. */
  private final class Exchange {
    private final long budgetMs;
    private final Promise<PartnerResult> promise = Promise.promise();
    private final Buffer body = Buffer.buffer();
    private HttpClientRequest request;
    private boolean done;
    private long timerId = -1;

    Exchange(long budgetMs) {
      this.budgetMs = budgetMs;
    }

    Future<PartnerResult> start(OutboundRequest outbound) {
      timerId = vertx.setTimer(budgetMs, id -> finish(PartnerResult.timeout(budgetMs), true));
      RequestOptions options =
          new RequestOptions()
              .setMethod(outbound.method())
              .setAbsoluteURI(outbound.absoluteUri())
              .setConnectTimeout(budgetMs)
              .setIdleTimeout(budgetMs);
      outbound.headers().forEach(options::putHeader);
      httpClient
          .request(options)
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  finish(PartnerResult.error(describe(ar.cause())), false);
                  return;
                }
                request = ar.result();
                if (done) {
                  request.reset();
                  return;
                }
                String refused =
                    egress.checkPeer(options.getHost(), request.connection().remoteAddress());
                if (refused != null) {
                  finish(PartnerResult.error("address refused: " + refused), true);
                  return;
                }
                Future<HttpClientResponse> sent =
                    outbound.body() == null ? request.send() : request.send(outbound.body());
                sent.onComplete(
                    resp -> {
                      if (resp.failed()) {
                        finish(PartnerResult.error(describe(resp.cause())), true);
                      } else {
                        onResponse(resp.result());
                      }
                    });
              });
      return promise.future();
    }

    private void onResponse(HttpClientResponse response) {
      response.exceptionHandler(t -> finish(PartnerResult.error(describe(t)), true));
      if (done) {
        return;
      }
      int status = response.statusCode();
      if (status != 200) {
        // 204 and errors: the body does not matter; drop the connection rather than drain it
        finish(parser.parseHttp(status, null), status != 204);
        return;
      }
      String length = response.getHeader("Content-Length");
      if (length != null && parseLong(length) > maxBodyBytes) {
        finish(PartnerResult.error("body over " + maxBodyBytes + " bytes"), true);
        return;
      }
      response.handler(
          chunk -> {
            if (done) {
              return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
              finish(PartnerResult.error("body over " + maxBodyBytes + " bytes"), true);
            } else {
              body.appendBuffer(chunk);
            }
          });
      response.endHandler(v -> finish(parser.parseHttp(200, body), false));
    }

    private void finish(PartnerResult result, boolean reset) {
      if (done) {
        return;
      }
      done = true;
      vertx.cancelTimer(timerId);
      if (reset && request != null) {
        request.reset();
      }
      promise.complete(result);
    }
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String describe(Throwable t) {
    if (t instanceof ConnectException) {
      return "connection refused";
    }
    String message = t.getMessage();
    String text = t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > 160 ? text.substring(0, 160) : text;
  }
}
