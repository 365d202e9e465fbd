package io.rtdcs.dcs.flow;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.dcs.load.LoadOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Holds an accepted call in the cluster while it is answered before being stored ({@code
 * dcs.calls.hold}, {@code rtdcs.pending} with a synchronous backup), so that the member owning the
 * entry replays it if this node dies before its delivery completes, and releases it once stored.
 *
 * <p>A call's held form (what {@code dcs.calls.replay} receives back) is the JSON form of its
 * {@link CollectedCall}.
 */
public final class HeldCalls {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(HeldCalls.class), 10_000);

  private final BusClient bus;
  private final String holder;
  private final LoadOptions options;

  /**
   * @param holder this node's cluster id ({@code ""} when not clustered: then held calls are
   *     replayed only once older than their retry window)
   */
  public HeldCalls(BusClient bus, String holder, LoadOptions options) {
    this.bus = Objects.requireNonNull(bus, "bus");
    this.holder = Objects.requireNonNull(holder, "holder");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Completes once held (entry and backup written); fails when not held within timeoutMs. */
  public Future<Void> hold(CollectedCall call, long timeoutMs) {
    JsonObject body =
        new JsonObject()
            .put("tid", call.tid())
            .put("holder", holder)
            .put("retryForMs", options.retryForMs())
            .put("call", call.toJson().encode());
    return bus.segment(Addresses.CALL_HOLD, body, timeoutMs)
        .onFailure(e -> LOG.warn("tid {}: not held: {}", call.tid(), e.getMessage()))
        .mapEmpty();
  }

  /** Holds {@code call} now, and releases it once {@code stored} succeeds. */
  public void holdUntilStored(CollectedCall call, Future<?> stored) {
    hold(call, options.attemptTimeoutMs())
        .onComplete(ar -> stored.onSuccess(v -> release(call.tid())));
  }

  /**
   * Forgets a held call that is stored (a lost release only means a repeat that changes nothing).
   */
  public void release(String tid) {
    bus.segment(
            Addresses.CALL_RELEASE, new JsonObject().put("tid", tid), options.attemptTimeoutMs())
        .onFailure(e -> LOG.warn("tid {}: held call not released: {}", tid, e.getMessage()));
  }
}
