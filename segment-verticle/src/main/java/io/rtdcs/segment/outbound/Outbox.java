package io.rtdcs.segment.outbound;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.HazelcastFutures;
import io.rtdcs.common.Meters;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.DestinationDefinition;
import io.rtdcs.segment.definitions.DestinationMapping;
import io.rtdcs.segment.store.RealizeResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * The enqueue side of server-to-server pushes, called after the realize reply went out: for every
 * {@code s2s} destination whose mapped segments changed for a visitor with an ID for its {@code
 * userDpid}, folds the change into {@code rtdcs.outbound}. Never waits and never fails the caller:
 * beyond {@code maxPendingWrites} outstanding writes of this instance, or when the outbox holds
 * {@code maxQueued} pushes (size refreshed every second), the change is dropped and counted.
 */
public final class Outbox {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(Outbox.class), 10_000);

  private final Vertx vertx;
  private final Context context;
  private final IMap<String, String> map;
  private final OutboundMetrics metrics;
  private final OutboxOptions options;
  private int pendingWrites;
  private volatile int estimatedSize;
  private boolean refreshing;
  private long timerId = -1;

  public Outbox(HazelcastInstance hz, Vertx vertx, Context context, OutboxOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.context = Objects.requireNonNull(context, "context");
    this.options = Objects.requireNonNull(options, "options");
    this.map = hz.getMap(ClusterMaps.OUTBOUND);
    this.metrics = OutboundMetrics.forInstance(hz);
    metrics.bind(Meters.registry(vertx));
  }

  /**
   * Starts refreshing the outbox size estimate (once a second, off the event loop; never two at
   * once, so a slow cluster cannot pile up worker threads).
   */
  public void start() {
    timerId =
        vertx.setPeriodic(
            0,
            options.sizeRefreshMs(),
            id -> {
              if (refreshing) {
                return;
              }
              refreshing = true;
              vertx
                  .executeBlocking(map::size, false)
                  .onComplete(
                      ar -> {
                        refreshing = false;
                        if (ar.succeeded()) {
                          estimatedSize = ar.result();
                        } else {
                          LOG.warn("outbox size unavailable: {}", ar.cause().toString());
                        }
                      });
            });
  }

  public void stop() {
    vertx.cancelTimer(timerId);
  }

  /** Queues the pushes this realize result calls for; returns how many were queued. */
  public int enqueue(Definitions defs, String uuid, RealizeResult result, long now) {
    if (result.optedOut()) {
      return 0;
    }
    int queued = 0;
    LocalDate today = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
    for (DestinationDefinition d : defs.destinations().values()) {
      if (d.kind() != DestinationDefinition.Kind.S2S) {
        continue;
      }
      Set<Integer> mapped = new HashSet<>();
      for (DestinationMapping m : d.mappings()) {
        if (m.activeOn(today)) {
          mapped.add(m.segment());
        }
      }
      Set<Integer> before = within(result.previousSegments(), mapped);
      Set<Integer> after = within(result.segments(), mapped);
      if (before.equals(after)) {
        continue;
      }
      String dpuuid = result.knownIds().get(d.s2s().userDpid());
      if (dpuuid == null) {
        metrics.noPartnerId.increment();
        continue;
      }
      if (pendingWrites >= options.maxPendingWrites() || estimatedSize >= options.maxQueued()) {
        metrics.dropped.increment();
        LOG.warn(
            "outbound queue full (pending writes {}, queued about {}): push to destination {}"
                + " dropped",
            pendingWrites,
            estimatedSize,
            d.id());
        continue;
      }
      Map<Integer, Long> left = new TreeMap<>();
      for (int seg : before) {
        if (!after.contains(seg)) {
          left.put(seg, now);
        }
      }
      write(d.id(), new OutboxEntry(uuid, dpuuid, left, 0, now));
      queued++;
    }
    return queued;
  }

  private void write(int destinationId, OutboxEntry change) {
    pendingWrites++;
    estimatedSize++;
    HazelcastFutures.onContext(
            map.submitToKey(
                OutboxEntry.key(destinationId, change.uuid()), OutboxProcessor.merge(change)),
            context)
        .onComplete(
            ar -> {
              pendingWrites--;
              if (ar.succeeded()) {
                metrics.queued.increment();
              } else {
                metrics.queueFailed.increment();
                LOG.warn(
                    "outbound push to destination {} not queued: {}",
                    destinationId,
                    ar.cause().toString());
              }
            });
  }

  private static Set<Integer> within(int[] segments, Set<Integer> mapped) {
    Set<Integer> out = new HashSet<>();
    for (int s : segments) {
      if (mapped.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
