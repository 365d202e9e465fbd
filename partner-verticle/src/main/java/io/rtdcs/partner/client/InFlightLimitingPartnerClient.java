package io.rtdcs.partner.client;

import io.vertx.core.Future;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the calls to one partner that are in flight at once; a call over the cap is not made and its
 * outcome is {@code skipped} with detail "max in flight". The counter is shared by every verticle
 * instance of the node.
 */
public final class InFlightLimitingPartnerClient implements PartnerClient {
  private final PartnerClient delegate;
  private final AtomicInteger inFlight;
  private final int maxInFlight;

  public InFlightLimitingPartnerClient(
      PartnerClient delegate, AtomicInteger inFlight, int maxInFlight) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
    this.maxInFlight = maxInFlight;
  }

  @Override
  public Future<PartnerResult> call(PartnerCall call) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      return Future.succeededFuture(
          PartnerResult.of(PartnerOutcome.SKIPPED, "max in flight (" + maxInFlight + ")"));
    }
    return delegate.call(call).onComplete(ar -> inFlight.decrementAndGet());
  }

  @Override
  public void close() {
    delegate.close();
  }
}
