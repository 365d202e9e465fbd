package io.rtdcs.segment.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.HazelcastFutures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous access to {@code rtdcs.profiles} (every update one EntryProcessor at the owner) and
 * the ID graph {@code rtdcs.ids}, completed on the verticle's context.
 */
public final class ProfileStore {
  private final IMap<String, Profile> profiles;
  private final IMap<String, IdLink> ids;
  private final Context context;
  private final long idTtlDays;

  public ProfileStore(HazelcastInstance hz, Context context, long idTtlDays) {
    Objects.requireNonNull(hz, "hz");
    this.context = Objects.requireNonNull(context, "context");
    this.profiles = hz.getMap(ClusterMaps.PROFILES);
    this.ids = hz.getMap(ClusterMaps.IDS);
    this.idTtlDays = idTtlDays;
  }

  public Future<RealizeResult> realize(String uuid, RealizeCommand command) {
    return HazelcastFutures.onContext(
        profiles.submitToKey(uuid, new RealizeProcessor(command)), context);
  }

  /** Records an ID sync in the profile; completes with whether the visitor is opted out. */
  public Future<Boolean> syncId(String uuid, int dpid, String dpuuid, long now) {
    return HazelcastFutures.onContext(
        profiles.submitToKey(uuid, new SyncIdProcessor(dpid, dpuuid, now)), context);
  }

  /** Opts the visitor out; completes with the segments it left (see OptOutProcessor). */
  public Future<RealizeResult> optOut(String uuid, long now) {
    return HazelcastFutures.onContext(
        profiles.submitToKey(uuid, new OptOutProcessor(now)), context);
  }

  /** The stored profile, or null. */
  public Future<Profile> get(String uuid) {
    return HazelcastFutures.onContext(profiles.getAsync(uuid), context);
  }

  /** Links (dpid, dpuuid) to uuid: the newest link wins; the TTL is renewed. */
  public Future<Void> link(int dpid, String dpuuid, String uuid, long now) {
    return HazelcastFutures.onContext(
        ids.setAsync(IdLink.key(dpid, dpuuid), new IdLink(uuid, now), idTtlDays, TimeUnit.DAYS),
        context);
  }

  /** The link of (dpid, dpuuid), or null. */
  public Future<IdLink> lookup(int dpid, String dpuuid) {
    return HazelcastFutures.onContext(ids.getAsync(IdLink.key(dpid, dpuuid)), context);
  }
}
