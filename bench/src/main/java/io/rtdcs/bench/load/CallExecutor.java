package io.rtdcs.bench.load;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Sends one GET and turns whatever happens to it into exactly one {@link CallOutcome}: an answer, a
 * connection error, or the hard timeout (a timer of its own, since Vert.x's request timeouts are
 * idle timeouts). Used on the generator's event loop only.
 */
final class CallExecutor {
  private final Vertx vertx;
  private final HttpClient client;
  private final List<URI> targets;
  private final TargetSelector selector;
  private final LongFunction<String> paths;
  private final AnswerClassifier classifier;
  private final long timeoutMillis;
  private final boolean wholeBody;

  CallExecutor(Vertx vertx, HttpClient client, OpenLoopOptions options) {
    this.vertx = Objects.requireNonNull(vertx);
    this.client = Objects.requireNonNull(client);
    this.targets = options.getTargets();
    this.selector = options.getTargetSelector();
    this.paths = options.getPathFactory();
    this.classifier = new AnswerClassifier(options.getDegradationCodes());
    this.timeoutMillis = options.getCallTimeout().toMillis();
    // without a listener only the error codes matter: most bodies then need no parsing
    this.wholeBody = options.getOutcomeListener() != null;
  }

  /** Sends call {@code index}, due at {@code intendedNanos}; {@code done} hears of it once. */
  void send(long index, long intendedNanos, Consumer<CallOutcome> done) {
    long sentNanos = System.nanoTime();
    URI target;
    String uri;
    try {
      target = targets.get(selector.select(index, targets.size()));
      String path = paths.apply(index);
      String base = target.getRawPath() == null ? "" : target.getRawPath();
      base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
      uri = base + (path.startsWith("/") ? path : "/" + path);
    } catch (RuntimeException e) {
      // a broken path factory or selector: a failed call, not a stalled run
      new Call(new CallRequest(index, "", ""), intendedNanos, sentNanos, done)
          .fail("generator: " + e);
      return;
    }
    Call call =
        new Call(new CallRequest(index, target.toString(), uri), intendedNanos, sentNanos, done);
    call.timer = vertx.setTimer(timeoutMillis, id -> call.timeout());
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(target.getHost())
                .setPort(target.getPort() < 0 ? 80 : target.getPort())
                .setURI(uri)
                .setConnectTimeout(timeoutMillis))
        .compose(
            req -> {
              if (call.finished) {
                req.reset();
                return Future.failedFuture("timed out waiting for a connection");
              }
              call.pending = req;
              return req.send()
                  .compose(
                      resp ->
                          resp.body()
                              .map(
                                  body ->
                                      new RawAnswer(
                                          resp.statusCode(), resp.getHeader("Retry-After"), body)));
            })
        .onComplete(call::complete);
  }

  private record RawAnswer(int status, String retryAfter, Buffer body) {}

  /** One call in flight: finishes once, by its answer, its failure or its timer. */
  private final class Call {
    private final CallRequest request;
    private final long intendedNanos;
    private final long sentNanos;
    private final Consumer<CallOutcome> done;
    private boolean finished;
    private long timer = -1;
    private HttpClientRequest pending;

    Call(CallRequest request, long intendedNanos, long sentNanos, Consumer<CallOutcome> done) {
      this.request = request;
      this.intendedNanos = intendedNanos;
      this.sentNanos = sentNanos;
      this.done = done;
    }

    void complete(AsyncResult<RawAnswer> ar) {
      if (finished) {
        return;
      }
      if (ar.failed()) {
        Throwable e = ar.cause();
        fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        return;
      }
      RawAnswer answer = ar.result();
      AnswerBody body =
          wholeBody ? AnswerBody.parse(answer.body()) : AnswerBody.parseIfErrors(answer.body());
      CallClass callClass = classifier.classify(answer.status(), body);
      finish(
          answer.status(),
          callClass,
          answer.status() == 429 ? AnswerClassifier.retryAfterSeconds(answer.retryAfter()) : -1,
          body,
          callClass == CallClass.FAILED ? "status " + answer.status() : "");
    }

    void timeout() {
      timer = -1;
      if (!finished) {
        fail("timeout");
        if (pending != null) {
          pending.reset();
        }
      }
    }

    void fail(String why) {
      finish(0, CallClass.FAILED, -1, AnswerBody.EMPTY, why);
    }

    private void finish(
        int status, CallClass callClass, int retryAfter, AnswerBody body, String failure) {
      finished = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      long now = System.nanoTime();
      done.accept(
          new CallOutcome(
              request,
              status,
              callClass,
              now - intendedNanos,
              Math.max(0, sentNanos - intendedNanos),
              retryAfter,
              body,
              failure));
    }
  }
}
