package io.rtdcs.store;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MaxSizePolicy;
import io.rtdcs.common.ClusterMaps;
import java.util.List;
import java.util.Map;

/**
 * Which rtdcs map is durable how (docs/storage.md): definitions, markers and privacy actions are
 * written through (durable before the change is acknowledged); profiles (of devices and of people),
 * ID links and queued pushes are written behind, coalesced and batched, after {@code
 * store.writeDelaySeconds}. Profiles and links are bounded in memory (least recently used leave,
 * and load again on the next call).
 */
public final class DurableMaps {
  /** How a map reaches the database. */
  public enum Mode {
    WRITE_THROUGH,
    WRITE_BEHIND
  }

  /** One durable map: its write mode and whether its whole table loads at first touch. */
  public record Spec(String map, Mode mode, boolean loadAllKeys) {
    public String table() {
      return DurableMaps.table(map);
    }
  }

  public static final String PRIVACY = ClusterMaps.PRIVACY;

  public static final List<Spec> SPECS =
      List.of(
          new Spec(ClusterMaps.PROFILES, Mode.WRITE_BEHIND, false),
          new Spec(ClusterMaps.PEOPLE, Mode.WRITE_BEHIND, false),
          new Spec(ClusterMaps.IDS, Mode.WRITE_BEHIND, false),
          new Spec(ClusterMaps.OUTBOUND, Mode.WRITE_BEHIND, true),
          new Spec(ClusterMaps.PRIVACY, Mode.WRITE_THROUGH, false),
          new Spec(ClusterMaps.PARTNERS, Mode.WRITE_THROUGH, true),
          new Spec(ClusterMaps.TRAITS, Mode.WRITE_THROUGH, true),
          new Spec(ClusterMaps.SEGMENTS, Mode.WRITE_THROUGH, true),
          new Spec(ClusterMaps.DESTINATIONS, Mode.WRITE_THROUGH, true),
          new Spec(ClusterMaps.MERGE_RULES, Mode.WRITE_THROUGH, true),
          new Spec(ClusterMaps.META, Mode.WRITE_THROUGH, true));

  /** The maps written behind (flushed on a graceful stop). */
  public static List<String> writeBehindMaps() {
    return SPECS.stream().filter(s -> s.mode() == Mode.WRITE_BEHIND).map(Spec::map).toList();
  }

  /** {@code rtdcs.profiles} -> {@code rtdcs_profiles}. */
  public static String table(String map) {
    return map.replace('.', '_');
  }

  /**
   * Puts each store behind its map in {@code config}, and the memory bound on profiles (of devices
   * and of people) and links.
   *
   * @param stores map name -> its store, one for every {@link #SPECS} entry
   */
  public static void configure(
      Config config, StoreOptions options, Map<String, TableEntryStore<?, ?>> stores) {
    for (Spec spec : SPECS) {
      TableEntryStore<?, ?> store = stores.get(spec.map());
      if (store == null) {
        throw new IllegalArgumentException("no store for " + spec.map());
      }
      MapStoreConfig msc =
          new MapStoreConfig()
              .setEnabled(true)
              .setImplementation(store)
              .setOffload(true)
              .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY)
              .setWriteCoalescing(true)
              .setWriteBatchSize(options.getWriteBatchSize())
              .setWriteDelaySeconds(
                  spec.mode() == Mode.WRITE_BEHIND ? options.getWriteDelaySeconds() : 0);
      config.getMapConfig(spec.map()).setMapStoreConfig(msc);
    }
    bound(config.getMapConfig(ClusterMaps.PROFILES), options.getProfileHeapPercentage());
    bound(config.getMapConfig(ClusterMaps.PEOPLE), options.getPeopleHeapPercentage());
    bound(config.getMapConfig(ClusterMaps.IDS), options.getIdHeapPercentage());
  }

  private static void bound(MapConfig map, int heapPercentage) {
    // the heap cost Hazelcast measures is that of the BINARY form
    map.setInMemoryFormat(InMemoryFormat.BINARY);
    map.getEvictionConfig()
        .setEvictionPolicy(EvictionPolicy.LRU)
        .setMaxSizePolicy(MaxSizePolicy.USED_HEAP_PERCENTAGE)
        .setSize(heapPercentage);
  }

  private DurableMaps() {}
}
