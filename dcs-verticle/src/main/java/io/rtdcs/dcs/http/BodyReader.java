package io.rtdcs.dcs.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a request body up to a limit; past it the future fails with {@link TooLarge}. */
final class BodyReader {

  static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("body too large", null, false, false);
    }
  }

  static Future<byte[]> read(HttpServerRequest request, int maxBytes) {
    String length = request.getHeader("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBytes) {
          return Future.failedFuture(new TooLarge());
        }
      } catch (NumberFormatException e) {
        // let the HTTP codec judge it; read what comes
      }
    }
    Promise<byte[]> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(
        chunk -> {
          if (promise.future().isComplete()) {
            return;
          }
          if (body.length() + chunk.length() > maxBytes) {
            promise.tryFail(new TooLarge());
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.endHandler(v -> promise.tryComplete(body.getBytes()));
    request.exceptionHandler(promise::tryFail);
    request.resume();
    return promise.future();
  }

  private BodyReader() {}
}
