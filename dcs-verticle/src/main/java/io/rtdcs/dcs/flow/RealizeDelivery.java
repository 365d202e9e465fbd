package io.rtdcs.dcs.flow;

import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.contract.TimedRequest;
import io.rtdcs.dcs.load.LoadOptions;
import io.rtdcs.dcs.load.NodeLoad;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.LoggerFactory;

/**
 * Gets an accepted call's data to the store whatever its answer said: a request to segment-verticle
 * is repeated after a timeout, a missing handler or a failure of the store (5xx), with a growing
 * pause, until it succeeds or {@code collection.retryForMs} has passed. Realize requests carry the
 * call's tid, so a repeat the profile already holds changes nothing (docs/event-bus.md). While a
 * delivery runs it counts in {@code rtdcs_collection_pending}; one given up is counted and logged.
 */
public final class RealizeDelivery {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(RealizeDelivery.class), 5_000);
  static final long FIRST_PAUSE_MS = 20;
  static final long MAX_PAUSE_MS = 1_000;

  private final Vertx vertx;
  private final BusClient bus;
  private final Clock clock;
  private final LoadOptions options;
  private final NodeLoad load;

  public RealizeDelivery(
      Vertx vertx, BusClient bus, Clock clock, LoadOptions options, NodeLoad load) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.load = Objects.requireNonNull(load, "load");
  }

  /**
   * Sends {@code body} to {@code address} until a reply comes; fails only when the request is
   * refused as invalid or {@code collection.retryForMs} has passed. Counts as pending meanwhile.
   */
  public Future<Object> deliver(String address, String tid, TimedRequest<?> body) {
    load.collecting();
    Promise<Object> promise = Promise.promise();
    attempt(address, body, clock.millis() + options.retryForMs(), 0, promise);
    return promise
        .future()
        .andThen(
            ar -> {
              load.collected();
              if (ar.failed()) {
                load.failed();
                LOG.warn(
                    "tid {}: {} given up (lost unless the call was held: then replayed): {}",
                    tid,
                    address,
                    ar.cause().getMessage());
              }
            });
  }

  /** Counts a delivery that succeeded after its call was answered without it. */
  public void storedLate() {
    load.storedLate();
  }

  private void attempt(
      String address, TimedRequest<?> body, long giveUpAt, int n, Promise<Object> promise) {
    long left = giveUpAt - clock.millis();
    if (left <= 0) {
      promise.fail("no answer within collection.retryForMs (" + n + " attempts)");
      return;
    }
    long timeout = Math.min(left, options.attemptTimeoutMs());
    // a copy with this attempt's timeout: a sent record is never changed
    bus.segment(address, body.withTimeoutMs(timeout))
        .onSuccess(promise::complete)
        .onFailure(
            e -> {
              if (!retryable(e)) {
                promise.fail(e);
                return;
              }
              load.retried();
              long pause = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS << Math.min(n, 10));
              pause += ThreadLocalRandom.current().nextLong(pause / 2 + 1);
              vertx.setTimer(pause, id -> attempt(address, body, giveUpAt, n + 1, promise));
            });
  }

  /** A timeout, no handler, or a failure of the store (5xx); never an invalid request (4xx). */
  static boolean retryable(Throwable e) {
    if (!(e instanceof ReplyException r)) {
      return true;
    }
    return switch (r.failureType()) {
      case TIMEOUT, NO_HANDLERS -> true;
      // an invalid request stays invalid; anything else may pass on another attempt
      case RECIPIENT_FAILURE -> r.failureCode() < 400 || r.failureCode() >= 500;
      default -> true;
    };
  }
}
