package io.rtdcs.segment.held;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.HazelcastFutures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Objects;

/** {@code rtdcs.pending} through Hazelcast's async API, completed on the caller's context. */
public final class PendingCalls {
  private final IMap<String, String> map;
  private final Context context;

  public PendingCalls(HazelcastInstance hz, Context context) {
    this.map = Objects.requireNonNull(hz, "hz").getMap(ClusterMaps.PENDING);
    this.context = Objects.requireNonNull(context, "context");
  }

  /** Completes once the entry and its synchronous backup are written. */
  public Future<Void> hold(String tid, String stored) {
    return HazelcastFutures.onContext(map.setAsync(tid, stored), context);
  }

  public Future<Void> release(String tid) {
    return HazelcastFutures.onContext(map.removeAsync(tid), context).mapEmpty();
  }

  public Future<String> get(String tid) {
    return HazelcastFutures.onContext(map.getAsync(tid), context);
  }

  IMap<String, String> map() {
    return map;
  }
}
