package io.rtdcs.common;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.Objects;

/**
 * The node's Micrometer registries, published by the launcher through Vert.x's local shared data so
 * every verticle records into them without knowing the backend (Prometheus in the node). Without a
 * published registry (metrics off, or a verticle deployed on its own in a test) meters go to a
 * registry with no backend: recording costs a field read and nothing is kept. Meter names are in
 * docs/operations.md; tags are never per visitor.
 *
 * <p>Meters tagged with a definition id (a trait or a segment, whose number grows with the
 * definitions) go to {@link #perDefinition(Vertx)}: the exported registry when {@code
 * metrics.perDefinition} is on, otherwise one the node keeps for its own dashboard only.
 */
public final class Meters {
  static final String KEY = "meterRegistry";
  private static final MeterRegistry NONE = new CompositeMeterRegistry();

  /** The registry verticles of this Vert.x instance record into; never null. */
  public static MeterRegistry registry(Vertx vertx) {
    Object holder = vertx.sharedData().getLocalMap(NodeState.MAP).get(KEY);
    return holder instanceof Holder h ? h.registry : NONE;
  }

  /** The registry of meters tagged with a trait or segment id; never null. */
  public static MeterRegistry perDefinition(Vertx vertx) {
    Object holder = vertx.sharedData().getLocalMap(NodeState.MAP).get(KEY);
    return holder instanceof Holder h ? h.perDefinition : NONE;
  }

  /** Called by the launcher before it deploys the verticles. */
  public static void publish(Vertx vertx, MeterRegistry registry, MeterRegistry perDefinition) {
    vertx.sharedData().getLocalMap(NodeState.MAP).put(KEY, new Holder(registry, perDefinition));
  }

  private record Holder(MeterRegistry registry, MeterRegistry perDefinition) implements Shareable {
    Holder {
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(perDefinition, "perDefinition");
    }
  }

  private Meters() {}
}
