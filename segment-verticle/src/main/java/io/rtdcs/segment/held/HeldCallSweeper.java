package io.rtdcs.segment.held;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.RateLimitedLogger;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Replays the held calls of this member's partitions that nobody else will deliver: every {@link
 * #SWEEP_MS}, the local keys of {@code rtdcs.pending} whose holder left the cluster or that are
 * older than their retry window (plus {@link #GRACE_MS}) go to {@code dcs.calls.replay} (any dcs
 * verticle, which collects the call with its tid: a call already stored changes nothing); the entry
 * goes once that succeeds, and stays for the next sweep otherwise. At most {@link #MAX_IN_FLIGHT}
 * replays at a time; the key listing runs off the event loop, never two at once.
 */
public final class HeldCallSweeper {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(HeldCallSweeper.class), 10_000);
  static final long SWEEP_MS = 2_000;
  static final long GRACE_MS = 5_000;
  static final int MAX_IN_FLIGHT = 32;

  private final Vertx vertx;
  private final HazelcastInstance hz;
  private final PendingCalls pending;
  private final Clock clock;
  private final Set<String> replaying = new HashSet<>();
  private final AtomicLong replayed = new AtomicLong();
  private final AtomicLong replayFailures = new AtomicLong();
  private boolean listing;
  private long timerId = -1;

  public HeldCallSweeper(Vertx vertx, HazelcastInstance hz, PendingCalls pending, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.hz = Objects.requireNonNull(hz, "hz");
    this.pending = Objects.requireNonNull(pending, "pending");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void start() {
    timerId = vertx.setPeriodic(SWEEP_MS, id -> sweep());
  }

  public void stop() {
    vertx.cancelTimer(timerId);
  }

  /** Held calls replayed (and then forgotten) by this member. */
  public long replayed() {
    return replayed.get();
  }

  /** Replays that failed (the entry stays for the next sweep). */
  public long replayFailures() {
    return replayFailures.get();
  }

  /** Held calls in this member's partitions. */
  public long ownedEntries() {
    return pending.map().getLocalMapStats().getOwnedEntryCount();
  }

  /** No sweep is listing keys and no replay is under way (on the sweeper's context). */
  boolean idle() {
    return !listing && replaying.isEmpty();
  }

  void sweep() {
    if (listing || replaying.size() >= MAX_IN_FLIGHT) {
      return;
    }
    listing = true;
    vertx
        .executeBlocking(() -> new ArrayList<>(pending.map().localKeySet()), false)
        .onComplete(
            ar -> {
              listing = false;
              if (ar.failed()) {
                LOG.warn("held calls not listed: {}", ar.cause().toString());
                return;
              }
              Set<String> members = new HashSet<>();
              for (Member m : hz.getCluster().getMembers()) {
                members.add(m.getUuid().toString());
              }
              consider(ar.result(), members);
            });
  }

  private void consider(List<String> keys, Set<String> members) {
    for (String tid : keys) {
      if (replaying.size() >= MAX_IN_FLIGHT) {
        return;
      }
      if (!replaying.add(tid)) {
        continue;
      }
      pending
          .get(tid)
          .compose(
              stored -> {
                if (stored == null) {
                  return Future.succeededFuture(false);
                }
                HeldCall held = HeldCall.decode(stored);
                if (!held.orphaned(members, clock.millis(), GRACE_MS)) {
                  return Future.succeededFuture(false);
                }
                return replay(tid, held).compose(v -> pending.release(tid)).map(true);
              })
          .onComplete(
              ar -> {
                replaying.remove(tid);
                if (ar.failed()) {
                  replayFailures.incrementAndGet();
                  LOG.warn("held call {} not replayed yet: {}", tid, ar.cause().getMessage());
                } else if (ar.result()) {
                  replayed.incrementAndGet();
                }
              });
    }
  }

  /**
   * Sends the call to a dcs verticle; succeeds once it is stored, or when it can never be (the call
   * is not a JSON object, or the replay refuses it as invalid: 400), which is logged.
   */
  private Future<Void> replay(String tid, HeldCall held) {
    JsonObject call;
    try {
      call = new JsonObject(held.call());
    } catch (DecodeException e) {
      LOG.warn("held call {} dropped: not a JSON object", tid);
      return Future.succeededFuture();
    }
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(held.retryForMs() + GRACE_MS);
    return vertx
        .eventBus()
        .request(Addresses.CALL_REPLAY, call, options)
        .<Void>mapEmpty()
        .recover(
            e -> {
              if (e instanceof ReplyException r
                  && r.failureType() == ReplyFailure.RECIPIENT_FAILURE
                  && r.failureCode() == 400) {
                LOG.warn("held call {} dropped: {}", tid, r.getMessage());
                return Future.succeededFuture();
              }
              return Future.failedFuture(e);
            });
  }
}
