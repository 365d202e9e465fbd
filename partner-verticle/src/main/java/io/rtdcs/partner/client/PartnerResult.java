package io.rtdcs.partner.client;

import java.util.List;
import java.util.Objects;

/**
 * What one partner call produced: an outcome, and segments plus TTL for {@code ok}. Failures are
 * values of this type, never exceptions.
 */
public record PartnerResult(
    PartnerOutcome outcome, List<String> segments, Long ttlSeconds, String detail) {

  public PartnerResult {
    Objects.requireNonNull(outcome, "outcome");
    segments = segments == null ? List.of() : List.copyOf(segments);
  }

  public static PartnerResult ok(List<String> segments, long ttlSeconds) {
    return new PartnerResult(PartnerOutcome.OK, segments, ttlSeconds, null);
  }

  public static PartnerResult of(PartnerOutcome outcome, String detail) {
    return new PartnerResult(outcome, List.of(), null, detail);
  }

  public static PartnerResult noData(String detail) {
    return of(PartnerOutcome.NO_DATA, detail);
  }

  public static PartnerResult error(String detail) {
    return of(PartnerOutcome.ERROR, detail);
  }

  public static PartnerResult timeout(long budgetMs) {
    return of(PartnerOutcome.TIMEOUT, "no answer within " + budgetMs + " ms");
  }
}
