package io.rtdcs.segment.handlers;

import io.rtdcs.segment.JsonFields;
import io.rtdcs.segment.RequestException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

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
  private final long at;
  private final Clock clock;

  private ReplyDeadline(String address, long timeoutMs, Clock clock) {
    this.address = address;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
    this.at = timeoutMs > 0 ? clock.millis() + timeoutMs : Long.MAX_VALUE;
  }

  /** The deadline of {@code body}, counted from now. */
  static ReplyDeadline of(String address, JsonObject body, Clock clock) {
    long timeoutMs = JsonFields.optLong(body, "timeoutMs", "timeoutMs", 0);
    if (timeoutMs < 0) {
      throw RequestException.badRequest("timeoutMs", "must be >= 0");
    }
    return new ReplyDeadline(address, timeoutMs, clock);
  }

  /** Whether the deadline has passed (never, without one). */
  boolean passed() {
    return clock.millis() >= at;
  }

  /** Milliseconds left, at least 1 (Long.MAX_VALUE without a deadline). */
  long left() {
    return at == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, at - clock.millis());
  }

  /** The 504 failure of a request whose deadline passed. */
  RequestException expired() {
    return new RequestException(
        CODE, address + ": no answer within the request's timeoutMs (" + timeoutMs + " ms)");
  }

  /** {@code work}, or the 504 failure once the deadline passes first. */
  <T> Future<T> bound(Future<T> work) {
    if (at == Long.MAX_VALUE || work.isComplete()) {
      return work;
    }
    return work.timeout(left(), TimeUnit.MILLISECONDS)
        .recover(
            e ->
                e instanceof java.util.concurrent.TimeoutException && !work.isComplete()
                    ? Future.failedFuture(expired())
                    : Future.failedFuture(e));
  }
}
