package io.rtdcs.partner.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.MapListener;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.DefinitionWrites;
import io.rtdcs.common.HazelcastFutures;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The cluster map {@code rtdcs.partners}: dpid -> definition JSON string. Async calls complete on
 * the caller's context; reading every entry has no async form in Hazelcast 5.3 and runs on a
 * worker.
 */
public final class PartnerDefinitionStore {
  private final Vertx vertx;
  private final IMap<Integer, String> map;
  private final DefinitionWrites writes;

  public PartnerDefinitionStore(Vertx vertx, HazelcastInstance hz) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.map = Objects.requireNonNull(hz, "hz").getMap(ClusterMaps.PARTNERS);
    this.writes = new DefinitionWrites(name -> hz.<Integer, String>getMap(name));
  }

  /** Every stored entry, raw, ordered by dpid. */
  public Future<Map<Integer, String>> all() {
    return vertx.executeBlocking(() -> new TreeMap<>(map), true);
  }

  public Future<String> get(int dpid) {
    return HazelcastFutures.onContext(map.getAsync(dpid), context());
  }

  public Future<Void> put(PartnerDefinition definition) {
    return HazelcastFutures.onContext(
        map.setAsync(definition.dpid(), definition.toJson().encode()), context());
  }

  public Future<Void> putAll(Map<Integer, String> definitions) {
    return HazelcastFutures.onContext(map.putAllAsync(definitions), context());
  }

  /** The removed definition, or null when there was none. */
  public Future<String> remove(int dpid) {
    return HazelcastFutures.onContext(map.removeAsync(dpid), context());
  }

  /**
   * Writes an import's steps on a worker, all or none ({@link DefinitionWrites}); the undo of what
   * was written.
   */
  public Future<List<DefinitionWrites.Step>> write(List<DefinitionWrites.Step> steps) {
    return vertx.executeBlocking(() -> writes.apply(steps), true);
  }

  /** Puts back what an import wrote; true when every entry was written. */
  public Future<Boolean> restore(List<DefinitionWrites.Step> undo) {
    return vertx.executeBlocking(() -> writes.restore(undo), true);
  }

  public Future<UUID> addListener(MapListener listener) {
    return vertx.executeBlocking(() -> map.addEntryListener(listener, false), false);
  }

  public Future<Boolean> removeListener(UUID id) {
    return vertx.executeBlocking(() -> map.removeEntryListener(id), false);
  }

  private Context context() {
    return vertx.getOrCreateContext();
  }
}
