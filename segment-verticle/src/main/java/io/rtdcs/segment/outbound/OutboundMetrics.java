package io.rtdcs.segment.outbound;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one member's outbound pushes (enqueue side and delivery side). */
public final class OutboundMetrics {
  private static final Map<String, OutboundMetrics> BY_MEMBER = new ConcurrentHashMap<>();

  /** Changes written to the outbox. */
  public final LongAdder queued = new LongAdder();

  /** Changes not queued because the outbox or this member's pending writes were full. */
  public final LongAdder dropped = new LongAdder();

  /** Changes whose outbox write failed (Hazelcast unavailable). */
  public final LongAdder queueFailed = new LongAdder();

  /** Changes of visitors without an ID for the destination's {@code userDpid} (not sent). */
  public final LongAdder noPartnerId = new LongAdder();

  /** Messages answered 200. */
  public final LongAdder delivered = new LongAdder();

  /** Users in messages answered 200. */
  public final LongAdder deliveredUsers = new LongAdder();

  /** Second attempts after a failed first one. */
  public final LongAdder retries = new LongAdder();

  /** Messages that failed twice (their users are dropped). */
  public final LongAdder failed = new LongAdder();

  /** Pending pushes of deleted or no longer server-to-server destinations (removed unsent). */
  public final LongAdder discarded = new LongAdder();

  public static OutboundMetrics forInstance(HazelcastInstance hz) {
    return BY_MEMBER.computeIfAbsent(hz.getName(), n -> new OutboundMetrics());
  }

  /**
   * Exports every counter as {@code rtdcs_outbound_pushes_total{event=...}} (idempotent: the same
   * meters are returned when several verticles bind one registry).
   */
  public void bind(MeterRegistry registry) {
    counter(registry, "queued", queued);
    counter(registry, "dropped", dropped);
    counter(registry, "queueFailed", queueFailed);
    counter(registry, "noPartnerId", noPartnerId);
    counter(registry, "delivered", delivered);
    counter(registry, "deliveredUsers", deliveredUsers);
    counter(registry, "retries", retries);
    counter(registry, "failed", failed);
    counter(registry, "discarded", discarded);
  }

  private static void counter(MeterRegistry registry, String event, LongAdder adder) {
    FunctionCounter.builder("rtdcs.outbound.pushes", adder, LongAdder::sum)
        .tag("event", event)
        .description("server-to-server pushes of this member, by event (docs/outbound.md)")
        .register(registry);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("queued", queued.sum())
        .put("dropped", dropped.sum())
        .put("queueFailed", queueFailed.sum())
        .put("noPartnerId", noPartnerId.sum())
        .put("delivered", delivered.sum())
        .put("deliveredUsers", deliveredUsers.sum())
        .put("retries", retries.sum())
        .put("failed", failed.sum())
        .put("discarded", discarded.sum());
  }
}
