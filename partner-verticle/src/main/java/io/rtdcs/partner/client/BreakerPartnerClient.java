package io.rtdcs.partner.client;

import io.rtdcs.common.egress.HttpExchange;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import java.util.Objects;

/**
 * Puts a circuit breaker in front of a partner: {@code timeout} and {@code error} count as
 * failures; while open (or while the half-open probe is out) the partner is not called and the
 * outcome is {@code circuit-open}.
 */
public final class BreakerPartnerClient implements PartnerClient {
  private final PartnerClient delegate;
  private final CircuitBreaker breaker;

  public BreakerPartnerClient(PartnerClient delegate, CircuitBreaker breaker) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
  }

  @Override
  public Future<PartnerResult> call(PartnerCall call) {
    return breaker
        .<PartnerResult>execute(
            () ->
                delegate
                    .call(call)
                    .compose(
                        r ->
                            r.outcome().isFailure()
                                ? Future.failedFuture(new FailedOutcome(r))
                                : Future.succeededFuture(r)))
        .otherwise(
            t -> {
              if (t instanceof FailedOutcome failed) {
                return failed.result;
              }
              if (t instanceof OpenCircuitException) {
                return PartnerResult.of(PartnerOutcome.CIRCUIT_OPEN, "circuit breaker open");
              }
              return PartnerResult.error(HttpExchange.describe(t));
            });
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public void close() {
    breaker.close();
    delegate.close();
  }

  /** Carries a failure outcome through the breaker so it counts, then back out as a value. */
  private static final class FailedOutcome extends RuntimeException {
    private final PartnerResult result;

    FailedOutcome(PartnerResult result) {
      super(result.detail(), null, false, false);
      this.result = result;
    }
  }
}
