package io.rtdcs.common;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.Objects;

/**
 * The node's Micrometer registry, published by the launcher through Vert.x's local shared data so
 * every verticle records into it without knowing the backend (Prometheus in the node). Without a
 * published registry (metrics off, or a verticle deployed on its own in a test) meters go to a
 * registry with no backend: recording costs a field read and nothing is kept. Meter names are in
 * docs/operations.md; tags are never per visitor.
 */
public final class Meters {
  static final String KEY = "meterRegistry";
  private static final MeterRegistry NONE = new CompositeMeterRegistry();

  /** The registry verticles of this Vert.x instance record into; never null. */
  public static MeterRegistry registry(Vertx vertx) {
    Object holder = vertx.sharedData().getLocalMap(NodeState.MAP).get(KEY);
    return holder instanceof Holder h ? h.registry : NONE;
  }

  /** Called by the launcher before it deploys the verticles. */
  public static void publish(Vertx vertx, MeterRegistry registry) {
    vertx.sharedData().getLocalMap(NodeState.MAP).put(KEY, new Holder(registry));
  }

  private record Holder(MeterRegistry registry) implements Shareable {
    Holder {
      Objects.requireNonNull(registry, "registry");
    }
  }

  private Meters() {}
}
