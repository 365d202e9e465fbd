package io.rtdcs.outbound;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.HazelcastFutures;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.DestinationDefinition;
import io.rtdcs.segment.definitions.DestinationMapping;
import io.rtdcs.segment.definitions.MemberDefinitions;
import io.rtdcs.segment.outbound.OutboundMetrics;
import io.rtdcs.segment.outbound.OutboxEntry;
import io.rtdcs.segment.outbound.OutboxProcessor;
import io.rtdcs.segment.store.Profile;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * The delivery side: every {@code scanMs} it lists the pending pushes this member owns (the local
 * keys of {@code rtdcs.outbound}; after a member loss the survivors own its backups), groups them
 * per destination, and sends a message when {@code maxUsersPerMessage} users are waiting or the
 * oldest has waited {@code batchWindowMs}. A message lists each user's current mapped segments
 * (status 1, read from the profile now) and the segments left since the last delivered push (status
 * 0). After the message (delivered, or failed twice) each entry is removed only if no newer change
 * arrived meanwhile; a newer one is sent next. A visitor is never in two messages to one
 * destination at once, so the order per visitor holds. Event-loop confined.
 */
final class OutboundDispatcher {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(OutboundDispatcher.class), 10_000);

  private final Vertx vertx;
  private final Context context;
  private final IMap<String, String> outbox;
  private final IMap<String, Profile> profiles;
  private final MemberDefinitions definitions;
  private final PushClient client;
  private final OutboundMetrics metrics;
  private final OutboundOptions options;
  private final Clock clock;
  private final Map<String, Long> firstSeen = new HashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private static final long MAX_SCAN_DELAY_MS = 1_000;
  private static final long DISCARD_GRACE_MS = 5_000;

  private static final long IDLE_SCAN_MS = 1_000;

  private int messagesInFlight;
  private boolean stopped;
  private volatile boolean dirty = true;
  private volatile UUID listenerId;
  private boolean pendingSeen;
  private long lastScanAt;

  OutboundDispatcher(
      Vertx vertx,
      Context context,
      HazelcastInstance hz,
      MemberDefinitions definitions,
      PushClient client,
      OutboundOptions options,
      Clock clock) {
    this.vertx = vertx;
    this.context = context;
    this.outbox = hz.getMap(ClusterMaps.OUTBOUND);
    this.profiles = hz.getMap(ClusterMaps.PROFILES);
    this.definitions = definitions;
    this.client = client;
    this.metrics = OutboundMetrics.forInstance(hz);
    this.options = options;
    this.clock = clock;
  }

  /**
   * Scans now and then again and again until {@link #stop()}. A local entry listener marks the
   * outbox dirty when this member gets a new or changed push, so an idle member lists its keys only
   * once a second (which also picks up pushes it takes over from a lost member).
   */
  void start() {
    vertx
        .executeBlocking(() -> outbox.addLocalEntryListener(new ChangeListener()), false)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                listenerId = ar.result();
              } else {
                LOG.warn("outbound: no local entry listener, scanning always: {}", ar.cause());
                dirty = true;
              }
              scan();
            });
  }

  void stop() {
    stopped = true;
    UUID id = listenerId;
    if (id != null) {
      vertx.executeBlocking(() -> outbox.removeEntryListener(id), false);
    }
  }

  /** Marks the outbox dirty on any local add or update (Hazelcast event thread). */
  private final class ChangeListener
      implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      dirty = true;
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      dirty = true;
    }
  }

  /**
   * One scan of the local pending pushes, then the next one after {@code scanMs}, or later when
   * many are pending (1 ms per 10 keys, at most 1 s), so a backlog does not burn the CPU listing
   * keys.
   */
  private void scan() {
    if (stopped) {
      return;
    }
    long now = clock.millis();
    if (!dirty && !pendingSeen && now - lastScanAt < IDLE_SCAN_MS) {
      vertx.setTimer(options.scanMs(), id -> scan());
      return;
    }
    dirty = listenerId == null;
    lastScanAt = now;
    vertx
        .executeBlocking(() -> new ArrayList<>(outbox.localKeySet()), false)
        .onComplete(
            ar -> {
              long next = options.scanMs();
              if (ar.succeeded()) {
                pendingSeen = !ar.result().isEmpty();
                dispatch(ar.result());
                next = Math.max(next, Math.min(MAX_SCAN_DELAY_MS, ar.result().size() / 10));
              } else {
                LOG.warn("outbound scan failed: {}", ar.cause().toString());
              }
              if (!stopped) {
                vertx.setTimer(next, id -> scan());
              }
            });
  }

  private void dispatch(List<String> keys) {
    long now = clock.millis();
    firstSeen.keySet().retainAll(new HashSet<>(keys));
    Map<Integer, List<String>> byDestination = new TreeMap<>();
    for (String key : keys) {
      if (inFlight.contains(key)) {
        continue;
      }
      firstSeen.putIfAbsent(key, now);
      byDestination
          .computeIfAbsent(OutboxEntry.destinationOf(key), k -> new ArrayList<>())
          .add(key);
    }
    Definitions defs = definitions.current();
    for (Map.Entry<Integer, List<String>> group : byDestination.entrySet()) {
      DestinationDefinition d = defs == null ? null : defs.destinations().get(group.getKey());
      if (d == null || d.kind() != DestinationDefinition.Kind.S2S) {
        if (defs != null) {
          // grace: a destination created a moment ago may not have reached this member yet
          discard(
              group.getValue().stream()
                  .filter(k -> now - firstSeen.get(k) >= DISCARD_GRACE_MS)
                  .toList());
        }
        continue;
      }
      List<String> waiting = group.getValue();
      waiting.sort(Comparator.comparingLong(firstSeen::get));
      int max = d.s2s().maxUsersPerMessage();
      int from = 0;
      while (from < waiting.size() && messagesInFlight < options.maxInFlight()) {
        int to = Math.min(waiting.size(), from + max);
        boolean full = to - from == max;
        if (!full && now - firstSeen.get(waiting.get(from)) < d.s2s().batchWindowMs()) {
          break;
        }
        send(d, List.copyOf(waiting.subList(from, to)));
        from = to;
      }
    }
  }

  private void discard(List<String> keys) {
    for (String key : keys) {
      inFlight.add(key);
      HazelcastFutures.onContext(outbox.removeAsync(key), context)
          .onComplete(
              ar -> {
                inFlight.remove(key);
                firstSeen.remove(key);
                if (ar.succeeded() && ar.result() != null) {
                  metrics.discarded.increment();
                }
              });
    }
  }

  private void send(DestinationDefinition d, List<String> keys) {
    inFlight.addAll(keys);
    messagesInFlight++;
    List<Future<Pending>> reads = new ArrayList<>();
    for (String key : keys) {
      reads.add(read(key));
    }
    Future.join(reads)
        .compose(
            all -> {
              List<Pending> pending = new ArrayList<>();
              for (Future<Pending> f : reads) {
                if (f.succeeded() && f.result() != null) {
                  pending.add(f.result());
                }
              }
              return deliver(d, pending).compose(v -> removeDelivered(pending));
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.warn("outbound message to destination {}: {}", d.id(), ar.cause().toString());
              }
              messagesInFlight--;
              for (String key : keys) {
                inFlight.remove(key);
                firstSeen.remove(key);
              }
            });
  }

  /** A pending push with the visitor's profile now (null profile: expired or never stored). */
  private record Pending(String key, OutboxEntry entry, Profile profile) {}

  private Future<Pending> read(String key) {
    return HazelcastFutures.onContext(outbox.getAsync(key), context)
        .compose(
            json -> {
              if (json == null) {
                return Future.succeededFuture(null);
              }
              OutboxEntry entry = OutboxEntry.fromJson(json);
              return HazelcastFutures.onContext(profiles.getAsync(entry.uuid()), context)
                  .map(p -> new Pending(key, entry, p));
            });
  }

  private Future<Void> deliver(DestinationDefinition d, List<Pending> pending) {
    long now = clock.millis();
    List<PushMessage.User> users = new ArrayList<>();
    for (Pending p : pending) {
      PushMessage.User u = user(d, p, now);
      if (u != null) {
        users.add(u);
      }
    }
    if (users.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonObject body = PushMessage.build(d, users, options.region(), now);
    return client
        .deliver(d, body.toBuffer())
        .map(
            ok -> {
              if (ok) {
                metrics.delivered.increment();
                metrics.deliveredUsers.add(users.size());
              }
              return null;
            });
  }

  /** The user's statuses for this destination, or null when there is nothing to report. */
  static PushMessage.User user(DestinationDefinition d, Pending p, long now) {
    LocalDate today = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
    Profile profile = p.profile();
    Set<Integer> current = new HashSet<>();
    long seenAt = now;
    String dpuuid = p.entry().dpuuid();
    if (profile != null && !profile.optedOut()) {
      for (int s : profile.segments()) {
        current.add(s);
      }
      seenAt = profile.lastSeen();
      String known = profile.knownIds().get(d.s2s().userDpid());
      if (known != null) {
        dpuuid = known;
      }
    }
    Map<String, PushMessage.SegmentStatus> statuses = new LinkedHashMap<>();
    for (DestinationMapping m : d.mappings()) {
      if (m.activeOn(today) && current.contains(m.segment())) {
        statuses.putIfAbsent(m.value(), new PushMessage.SegmentStatus(m.value(), true, seenAt));
      }
    }
    for (Map.Entry<Integer, Long> left : p.entry().left().entrySet()) {
      if (current.contains(left.getKey())) {
        continue;
      }
      for (DestinationMapping m : d.mappings()) {
        if (m.segment() == left.getKey()) {
          statuses.putIfAbsent(
              m.value(), new PushMessage.SegmentStatus(m.value(), false, left.getValue()));
        }
      }
    }
    if (statuses.isEmpty() || dpuuid == null) {
      return null;
    }
    return new PushMessage.User(p.entry().uuid(), dpuuid, List.copyOf(statuses.values()));
  }

  private Future<Void> removeDelivered(List<Pending> pending) {
    List<Future<Long>> removals = new ArrayList<>();
    for (Pending p : pending) {
      removals.add(
          HazelcastFutures.onContext(
              outbox.submitToKey(p.key(), OutboxProcessor.removeIfVersion(p.entry().version())),
              context));
    }
    return Future.join(removals).mapEmpty();
  }
}
