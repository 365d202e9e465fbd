package io.rtdcs.segment.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.HazelcastFutures;
import io.rtdcs.store.PrivacyMark;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous access to {@code rtdcs.profiles} (every update one EntryProcessor at the owner) and
 * the ID graph {@code rtdcs.ids}, completed on the verticle's context. Each operation's latency
 * goes to {@code rtdcs_profile_store_seconds{op}}.
 */
public final class ProfileStore {
  private final IMap<String, Profile> profiles;
  private final IMap<String, Profile> people;
  private final IMap<String, IdLink> ids;
  private final IMap<String, PrivacyMark> privacy;
  private final Context context;
  private final long idTtlDays;
  private final Timer realizeTimer;
  private final Timer syncIdTimer;
  private final Timer optOutTimer;
  private final Timer getTimer;
  private final Timer linkTimer;
  private final Timer lookupTimer;

  public ProfileStore(HazelcastInstance hz, Context context, long idTtlDays) {
    this(hz, context, idTtlDays, new CompositeMeterRegistry());
  }

  public ProfileStore(
      HazelcastInstance hz, Context context, long idTtlDays, MeterRegistry registry) {
    Objects.requireNonNull(hz, "hz");
    this.context = Objects.requireNonNull(context, "context");
    this.profiles = hz.getMap(ClusterMaps.PROFILES);
    this.people = hz.getMap(ClusterMaps.PEOPLE);
    this.ids = hz.getMap(ClusterMaps.IDS);
    this.privacy = hz.getMap(ClusterMaps.PRIVACY);
    this.idTtlDays = idTtlDays;
    this.realizeTimer = timer(registry, "realize");
    this.syncIdTimer = timer(registry, "syncId");
    this.optOutTimer = timer(registry, "optOut");
    this.getTimer = timer(registry, "get");
    this.linkTimer = timer(registry, "link");
    this.lookupTimer = timer(registry, "lookup");
  }

  public Future<RealizeResult> realize(String uuid, RealizeCommand command) {
    return timed(realizeTimer, profiles.submitToKey(uuid, new RealizeProcessor(command)));
  }

  /**
   * Applies {@code command} ({@link RealizeCommand#forPerson}) to the person's profile {@code key}
   * ({@code rtdcs.people}, "dpid:id"): one EntryProcessor at its owner, like a device's.
   */
  public Future<RealizeResult> realizePerson(String key, RealizeCommand command) {
    return timed(realizeTimer, people.submitToKey(key, new RealizeProcessor(command)));
  }

  /** The person's profile {@code key}, or null. */
  public Future<Profile> getPerson(String key) {
    return timed(getTimer, people.getAsync(key));
  }

  /** Records an ID sync in the profile; completes with whether the visitor is opted out. */
  public Future<Boolean> syncId(String uuid, int dpid, String dpuuid, long now) {
    return timed(syncIdTimer, profiles.submitToKey(uuid, new SyncIdProcessor(dpid, dpuuid, now)));
  }

  /**
   * Opts the visitor out; completes with the segments it left (see OptOutProcessor). The opt-out is
   * written through to the database (with a durable store) before the profile changes.
   */
  public Future<RealizeResult> optOut(String uuid, long now) {
    return markPrivacy(uuid, PrivacyMark.NONE.optedOut(now))
        .compose(v -> timed(optOutTimer, profiles.submitToKey(uuid, new OptOutProcessor(now))));
  }

  /**
   * Opts the person's profile {@code key} ("dpid:id") out, written through first like a device's.
   */
  public Future<RealizeResult> optOutPerson(String key, long now) {
    return markPrivacy(key, PrivacyMark.NONE.optedOut(now))
        .compose(v -> timed(optOutTimer, people.submitToKey(key, new OptOutProcessor(now))));
  }

  /**
   * Records a privacy action on the visitor ({@code rtdcs.privacy}, written through: with a durable
   * store it completes once the database holds it, and a deletion has removed the visitor's rows).
   */
  public Future<Void> markPrivacy(String uuid, PrivacyMark mark) {
    return HazelcastFutures.onContext(privacy.setAsync(uuid, mark), context);
  }

  /**
   * An opted-out visitor called again: the privacy mark is renewed (at most once a day), so that
   * the opt-out lives {@code store.optOutDays} after the last call, not after the first opt-out.
   * Merged with what the mark holds; a deletion stays.
   */
  public Future<Void> renewOptOut(String uuid, long now) {
    return HazelcastFutures.onContext(privacy.getAsync(uuid), context)
        .compose(
            mark -> {
              PrivacyMark m = mark == null ? PrivacyMark.NONE : mark;
              if (now - m.optedOutAt() < ProfileUpdater.OPT_OUT_RENEWAL_MILLIS) {
                return Future.succeededFuture();
              }
              return markPrivacy(uuid, m.optedOut(now));
            });
  }

  /** The stored profile, or null. */
  public Future<Profile> get(String uuid) {
    return timed(getTimer, profiles.getAsync(uuid));
  }

  /**
   * Links (dpid, dpuuid) to uuid: the newest link wins (the earlier devices are remembered); the
   * TTL is renewed.
   */
  public Future<Void> link(int dpid, String dpuuid, String uuid, long now) {
    return timed(
        linkTimer,
        ids.submitToKey(IdLink.key(dpid, dpuuid), new LinkProcessor(uuid, now, idTtlDays)));
  }

  /** The link {@code key} ("dpid:dpuuid"), or null. */
  public Future<IdLink> lookup(String key) {
    return timed(lookupTimer, ids.getAsync(key));
  }

  /** The link of (dpid, dpuuid), or null. */
  public Future<IdLink> lookup(int dpid, String dpuuid) {
    return timed(lookupTimer, ids.getAsync(IdLink.key(dpid, dpuuid)));
  }

  private <T> Future<T> timed(Timer timer, CompletionStage<T> stage) {
    long start = System.nanoTime();
    return HazelcastFutures.onContext(stage, context)
        .andThen(ar -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
  }

  private static Timer timer(MeterRegistry registry, String op) {
    return Timer.builder("rtdcs.profile.store")
        .description("profile store operation latency, until the answer is back on the context")
        .tag("op", op)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(1))
        .register(registry);
  }
}
