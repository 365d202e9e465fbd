package io.rtdcs.common.egress;

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
import java.net.ConnectException;

/**
 * One outbound HTTP call with a hard deadline, shared by the partner client and the outbound
 * pushes: its own timer resets the request when the deadline passes, whatever the connection is
 * doing (connecting, sending, waiting for headers, receiving a dribbled body), since Vert.x request
 * timeouts are idle timeouts and would let a slow trickle run on. Nothing is sent when the
 * connection reached an address {@code egress.allow} does not open (a name that now resolves
 * elsewhere: DNS rebinding).
 *
 * <p>Completes exactly once: with the status and, for a 200, up to {@code maxBodyBytes} of the body
 * (another status comes without its body, and the connection is dropped rather than drained unless
 * it is a 204); or failed with a {@link Failure} that says what happened.
 */
public final class HttpExchange {
  /** What came back: the status, and the body of a 200 (empty otherwise). */
  public record Reply(int status, Buffer body) {}

  /** Why an exchange failed; its message is a short description for a log line or an outcome. */
  public static final class Failure extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
      /** No complete answer within the deadline. */
      DEADLINE,
      /** The connection reached an address {@code egress.allow} does not open. */
      REFUSED,
      /** The 200's body is longer than allowed. */
      TOO_LARGE,
      /** The URL is not one. */
      BAD_URL,
      /** Connecting, sending or receiving failed. */
      TRANSPORT
    }

    private final Kind kind;

    Failure(Kind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }

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

  /**
   * Sends {@code payload} (none when null) to {@code uri}.
   *
   * @param maxBodyBytes the longest 200 body read; 0: none is read (the answer is the status alone)
   */
  public static Future<Reply> send(
      Vertx vertx,
      HttpClient client,
      HttpMethod method,
      String uri,
      MultiMap headers,
      Buffer payload,
      long deadlineMs,
      int maxBodyBytes,
      OutboundAddressPolicy egress) {
    return new HttpExchange(vertx, client, deadlineMs, maxBodyBytes, egress)
        .start(method, uri, headers, payload);
  }

  /** A POST of {@code payload}. */
  public static Future<Reply> post(
      Vertx vertx,
      HttpClient client,
      String uri,
      MultiMap headers,
      Buffer payload,
      long deadlineMs,
      int maxBodyBytes,
      OutboundAddressPolicy egress) {
    return send(
        vertx, client, HttpMethod.POST, uri, headers, payload, deadlineMs, maxBodyBytes, egress);
  }

  private Future<Reply> start(HttpMethod method, String uri, MultiMap headers, Buffer payload) {
    timerId =
        vertx.setTimer(
            deadlineMs,
            id -> fail(Failure.Kind.DEADLINE, "no answer within " + deadlineMs + " ms", true));
    RequestOptions options;
    try {
      options =
          new RequestOptions()
              .setMethod(method)
              .setAbsoluteURI(uri)
              .setConnectTimeout(deadlineMs)
              .setIdleTimeout(deadlineMs)
              .setHeaders(headers);
    } catch (RuntimeException e) {
      fail(Failure.Kind.BAD_URL, "bad URL: " + e.getMessage(), false);
      return promise.future();
    }
    client
        .request(options)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                fail(Failure.Kind.TRANSPORT, describe(ar.cause()), false);
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
                fail(Failure.Kind.REFUSED, "address refused: " + refused, true);
                return;
              }
              (payload == null ? request.send() : request.send(payload))
                  .onComplete(
                      resp -> {
                        if (resp.failed()) {
                          fail(Failure.Kind.TRANSPORT, describe(resp.cause()), true);
                        } else {
                          onResponse(resp.result());
                        }
                      });
            });
    return promise.future();
  }

  private void onResponse(HttpClientResponse response) {
    response.exceptionHandler(t -> fail(Failure.Kind.TRANSPORT, describe(t), true));
    if (done) {
      return;
    }
    int status = response.statusCode();
    if (status != 200) {
      // the body of another status does not matter: drop the connection rather than drain it
      finish(new Reply(status, Buffer.buffer()), status != 204);
      return;
    }
    String length = response.getHeader("Content-Length");
    if (length != null && parseLong(length) > maxBodyBytes) {
      tooLarge();
      return;
    }
    response.handler(
        chunk -> {
          if (done) {
            return;
          }
          if (body.length() + chunk.length() > maxBodyBytes) {
            tooLarge();
          } else {
            body.appendBuffer(chunk);
          }
        });
    response.endHandler(v -> finish(new Reply(200, body), false));
  }

  private void tooLarge() {
    if (maxBodyBytes == 0) {
      finish(new Reply(200, Buffer.buffer()), true); // the status was all that was asked
    } else {
      fail(Failure.Kind.TOO_LARGE, "body over " + maxBodyBytes + " bytes", true);
    }
  }

  private void fail(Failure.Kind kind, String why, boolean reset) {
    if (done) {
      return;
    }
    done = true;
    vertx.cancelTimer(timerId);
    if (reset && request != null) {
      request.reset();
    }
    promise.fail(new Failure(kind, why));
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

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A short description of a transport failure (at most 160 characters). */
  public static String describe(Throwable t) {
    if (t instanceof ConnectException) {
      return "connection refused";
    }
    String message = t.getMessage();
    String text = t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > 160 ? text.substring(0, 160) : text;
  }
}
