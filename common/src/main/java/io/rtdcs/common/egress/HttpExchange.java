package io.rtdcs.segment.outbound;

import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One HTTP call with a hard deadline: its own timer resets the request when the deadline passes,
 * whatever the connection is doing (connect, send, headers, body). Completes exactly once with the
 * status and up to {@code maxBodyBytes} of the body; failures (deadline, connection, body too long)
 * complete it as failed with a short description. Nothing is sent when the connection reached an
 * address {@code egress.allow} does not open (a name that now resolves elsewhere: DNS rebinding).
 */
final class HttpExchange {
  /** What came back. */
  record Reply(int status, Buffer body) {}

  private final Vertx vertx;
  private final HttpClient client;
  private final Promise<Reply> promise = Promise.promise();
  private final Buffer body = Buffer.buffer();
  private final long deadlineMs;
  private final int maxBodyBytes;
  private final OutboundAddressPolicy egress;
  private HttpClientRequest request;
  private boolean done;
  private long timerId = -1;

  private HttpExchange(
      Vertx vertx,
      HttpClient client,
      long deadlineMs,
      int maxBodyBytes,
      OutboundAddressPolicy egress) {
    this.vertx = vertx;
    this.egress = egress;
    this.client = client;
    this.deadlineMs = deadlineMs;
    this.maxBodyBytes = maxBodyBytes;
  }

  static Future<Reply> post(
      Vertx vertx,
      HttpClient client,
      String uri,
      MultiMap headers,
      Buffer payload,
      long deadlineMs,
      int maxBodyBytes,
      OutboundAddressPolicy egress) {
    return new HttpExchange(vertx, client, deadlineMs, maxBodyBytes, egress)
        .start(uri, headers, payload);
  }

  private Future<Reply> start(String uri, MultiMap headers, Buffer payload) {
    timerId =
        vertx.setTimer(deadlineMs, id -> fail("no answer within " + deadlineMs + " ms", true));
    RequestOptions options;
    try {
      options =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(uri)
              .setConnectTimeout(deadlineMs)
              .setIdleTimeout(deadlineMs)
              .setHeaders(headers);
    } catch (RuntimeException e) {
      fail("bad URL: " + e.getMessage(), false);
      return promise.future();
    }
    client
        .request(options)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                fail(describe(ar.cause()), false);
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
                fail("address refused: " + refused, true);
                return;
              }
              request
                  .send(payload)
                  .onComplete(
                      resp -> {
                        if (resp.failed()) {
                          fail(describe(resp.cause()), true);
                        } else {
                          onResponse(resp.result());
                        }
                      });
            });
    return promise.future();
  }

  private void onResponse(HttpClientResponse response) {
    response.exceptionHandler(t -> fail(describe(t), true));
    if (done) {
      return;
    }
    int status = response.statusCode();
    if (status != 200) {
      // the body of a failure does not matter: drop the connection rather than drain it
      finish(new Reply(status, Buffer.buffer()), true);
      return;
    }
    response.handler(
        chunk -> {
          if (done) {
            return;
          }
          if (body.length() + chunk.length() > maxBodyBytes) {
            if (maxBodyBytes == 0) {
              finish(new Reply(200, Buffer.buffer()), true);
            } else {
              fail("body over " + maxBodyBytes + " bytes", true);
            }
          } else {
            body.appendBuffer(chunk);
          }
        });
    response.endHandler(v -> finish(new Reply(200, body), false));
  }

  private void fail(String why, boolean reset) {
    if (done) {
      return;
    }
    done = true;
    vertx.cancelTimer(timerId);
    if (reset && request != null) {
      request.reset();
    }
    promise.fail(why);
  }

  private void finish(Reply reply, boolean reset) {
    if (done) {
      return;
    }
    done = true;
    vertx.cancelTimer(timerId);
    if (reset && request != null) {
      request.reset();
    }
    promise.complete(reply);
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
