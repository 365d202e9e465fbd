package io.rtdcs.segment.handlers;

import io.rtdcs.common.Deadline;
import io.rtdcs.contract.RequestException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The deadline a read-only request carries ({@code timeoutMs}, counted from its receipt; 0 or
 * absent: none): its sender stops waiting then, so the reply is due by then and work that would
 * finish later is not started. Past it, the request fails with 504 and changes nothing
 * (docs/event-bus.md). Writes (realize) take no deadline: a call's data is stored whenever it
 * arrives.
 */
final class ReplyDeadline {
  static final int CODE = 504;

  private final String address;
  private final long timeoutMs;

  /** Null without a deadline. */
  private final Deadline deadline;

  private ReplyDeadline(String address, long timeoutMs, Deadline deadline) {
    this.address = address;
    this.timeoutMs = timeoutMs;
    this.deadline = deadline;
  }

  /** The deadline of {@code body}, counted from now. */
  static ReplyDeadline of(String address, JsonObject body, Clock clock) {
    return of(address, Requests.timeoutMs(body), clock);
  }

  /** A deadline {@code timeoutMs} from now (none when 0). */
  static ReplyDeadline of(String address, long timeoutMs, Clock clock) {
    return new ReplyDeadline(
        address, timeoutMs, timeoutMs > 0 ? Deadline.in(clock, timeoutMs) : null);
  }

  /** Whether the deadline has passed (never, without one). */
  boolean passed() {
    return deadline != null && deadline.expired();
  }

  /** The 504 failure of a request whose deadline passed. */
  RequestException expired() {
    return new RequestException(
        CODE, address + ": no answer within the request's timeoutMs (" + timeoutMs + " ms)");
  }

  /**
   * {@code work}, or the 504 failure once the deadline passes first. The deadline is a timer of the
   * calling event loop: {@code Future.timeout} on a future of no context (Hazelcast's, composed)
   * schedules on Netty's one global executor thread, a cross-thread hand-off per request both to
   * set and to cancel it (6 % of a node's CPU samples with a partner on every call).
   */
  <T> Future<T> bound(Future<T> work) {
    if (deadline == null || work.isComplete()) {
      return work;
    }
    Context context = Vertx.currentContext();
    if (context == null) {
      return work.timeout(Math.max(1, deadline.remaining()), TimeUnit.MILLISECONDS)
          .recover(
              e ->
                  e instanceof TimeoutException && !work.isComplete()
                      ? Future.failedFuture(expired())
                      : Future.failedFuture(e));
    }
    Vertx vertx = context.owner();
    Promise<T> result = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, deadline.remaining()), id -> result.tryFail(expired()));
    work.onComplete(
        ar -> {
          if (ar.succeeded() ? result.tryComplete(ar.result()) : result.tryFail(ar.cause())) {
            vertx.cancelTimer(timer);
          }
        });
    return result.future();
  }
}
