package io.rtdcs.segment.handlers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of what the segment verticle decides: {@code rtdcs_trait_realizations_total{trait}},
 * {@code rtdcs_segment_qualifications_total{segment}} (realize calls after which the visitor is in
 * the segment), {@code rtdcs_optouts_total} and {@code rtdcs_realize_duplicates_total} (retries the
 * profile already held), {@code rtdcs_realize_reevaluations_total} (calls whose trait rules were
 * evaluated again on the partner answers the profile had cached). Tagged by definition id only,
 * never per visitor; the per-definition counters go to their own registry ({@code
 * metrics.perDefinition}: exported, or kept for the node's dashboard only).
 */
public final class SegmentMeters {
  private final MeterRegistry perDefinition;
  private final Map<Integer, Counter> traits = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> segments = new ConcurrentHashMap<>();
  private final Counter optOuts;
  private final Counter duplicates;
  private final Counter reevaluations;

  public SegmentMeters(MeterRegistry registry, MeterRegistry perDefinition) {
    Objects.requireNonNull(registry, "registry");
    this.perDefinition = Objects.requireNonNull(perDefinition, "perDefinition");
    this.optOuts =
        Counter.builder("rtdcs.optouts")
            .description("profiles opted out (a declared ID may opt out several)")
            .register(registry);
    this.duplicates =
        Counter.builder("rtdcs.realize.duplicates")
            .description(
                "realize calls the profile already held (a retry with the same tid): not counted"
                    + " again")
            .register(registry);
    this.reevaluations =
        Counter.builder("rtdcs.realize.reevaluations")
            .description(
                "realize calls whose trait rules were evaluated again: the profile held other"
                    + " cached partner answers than the first evaluation assumed")
            .register(registry);
  }

  /** Counters that go nowhere (a verticle deployed without a node). */
  public static SegmentMeters none() {
    CompositeMeterRegistry none = new CompositeMeterRegistry();
    return new SegmentMeters(none, none);
  }

  public void realized(int[] traitIds, int[] segmentIds) {
    for (int t : traitIds) {
      traits.computeIfAbsent(t, this::traitCounter).increment();
    }
    for (int s : segmentIds) {
      segments.computeIfAbsent(s, this::segmentCounter).increment();
    }
  }

  /** A realize call whose tid the profile already held. */
  public void duplicate() {
    duplicates.increment();
  }

  /** A realize call's rules evaluated again on the owner's partner answers. */
  public void reevaluated() {
    reevaluations.increment();
  }

  public void optedOut(int profiles) {
    optOuts.increment(profiles);
  }

  private Counter traitCounter(int id) {
    return Counter.builder("rtdcs.trait.realizations")
        .description("trait realizations by trait id")
        .tag("trait", Integer.toString(id))
        .register(perDefinition);
  }

  private Counter segmentCounter(int id) {
    return Counter.builder("rtdcs.segment.qualifications")
        .description("realize calls after which the visitor qualifies for the segment")
        .tag("segment", Integer.toString(id))
        .register(perDefinition);
  }
}
