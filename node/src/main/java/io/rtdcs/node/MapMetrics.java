package io.rtdcs.node;

import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.nearcache.NearCacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rtdcs.common.ClusterMaps;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Hazelcast's own statistics of every rtdcs map on this member, as {@code rtdcs_map_*{map}}: the
 * entries and memory it owns and backs up, what waits for the database (write-behind), and its
 * operation counters; a near cache's too where the map has one. Read from {@link
 * IMap#getLocalMapStats()} (local, no network), one snapshot per map shared by the meters of one
 * scrape. Every member holds its share of every map whatever verticles it runs, so every member
 * measures every map.
 */
final class MapMetrics {
  /** Every map rtdcs keeps (cluster.xml configures each; a test keeps the two lists equal). */
  static final List<String> MAPS =
      List.of(
          ClusterMaps.PROFILES,
          ClusterMaps.PEOPLE,
          ClusterMaps.IDS,
          ClusterMaps.PRIVACY,
          ClusterMaps.OUTBOUND,
          ClusterMaps.PENDING,
          ClusterMaps.PARTNERS,
          ClusterMaps.TRAITS,
          ClusterMaps.SEGMENTS,
          ClusterMaps.DESTINATIONS,
          ClusterMaps.MERGE_RULES,
          ClusterMaps.META);

  /** A scrape reads a dozen values per map: one snapshot serves them for this long. */
  static final long SNAPSHOT_MILLIS = 1_000;

  private MapMetrics() {}

  /**
   * Registers the meters of every rtdcs map. Takes each map's proxy (the maps exist on every
   * member: this creates no data), so it may block briefly: call it off the event loop.
   */
  static void bind(MeterRegistry registry, HazelcastInstance hz, Clock clock) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(clock, "clock");
    for (String map : MAPS) {
      Snapshot s = new Snapshot(hz.getMap(map), clock);
      Meters m = new Meters(registry, map, s);
      m.gauge(
          "rtdcs.map.owned.entries",
          null,
          "entries this member owns",
          LocalMapStats::getOwnedEntryCount);
      m.gauge(
          "rtdcs.map.backup.entries",
          null,
          "backup entries this member holds for other members",
          LocalMapStats::getBackupEntryCount);
      m.gauge(
          "rtdcs.map.owned.entry.memory",
          "bytes",
          "heap the owned entries take (0 for maps kept in OBJECT format)",
          LocalMapStats::getOwnedEntryMemoryCost);
      m.gauge(
          "rtdcs.map.backup.entry.memory",
          "bytes",
          "heap the backup entries take (0 for maps kept in OBJECT format)",
          LocalMapStats::getBackupEntryMemoryCost);
      m.gauge(
          "rtdcs.map.dirty.entries",
          null,
          "owned entries waiting to be written to the database (write-behind backlog)",
          LocalMapStats::getDirtyEntryCount);
      m.counter("rtdcs.map.hits", LocalMapStats::getHits);
      m.counter("rtdcs.map.gets", LocalMapStats::getGetOperationCount);
      m.counter("rtdcs.map.puts", LocalMapStats::getPutOperationCount);
      m.counter("rtdcs.map.sets", LocalMapStats::getSetOperationCount);
      m.counter("rtdcs.map.removes", LocalMapStats::getRemoveOperationCount);
      m.counter("rtdcs.map.evictions", LocalMapStats::getEvictionCount);
      m.counter("rtdcs.map.expirations", LocalMapStats::getExpirationCount);
      NearCacheConfig nearCache = hz.getConfig().findMapConfig(map).getNearCacheConfig();
      if (nearCache != null) {
        m.gauge(
            "rtdcs.map.near.cache.entries",
            null,
            "entries in this member's near cache of the map",
            near(NearCacheStats::getOwnedEntryCount));
        m.gauge(
            "rtdcs.map.near.cache.memory",
            "bytes",
            "heap this member's near cache of the map takes",
            near(NearCacheStats::getOwnedEntryMemoryCost));
        m.counter("rtdcs.map.near.cache.hits", near(NearCacheStats::getHits));
        m.counter("rtdcs.map.near.cache.misses", near(NearCacheStats::getMisses));
        m.counter("rtdcs.map.near.cache.evictions", near(NearCacheStats::getEvictions));
      }
    }
  }

  private static ToDoubleFunction<LocalMapStats> near(ToDoubleFunction<NearCacheStats> f) {
    return stats -> {
      NearCacheStats n = stats.getNearCacheStats();
      return n == null ? 0 : f.applyAsDouble(n);
    };
  }

  /**
   * Registers the meters of one map, tagged {@code map}, read from its snapshot. Micrometer holds a
   * meter's object weakly: that object is the map's proxy (Hazelcast keeps it while the member
   * runs); the function holds the snapshot.
   */
  private record Meters(MeterRegistry registry, String map, Snapshot snapshot) {
    void gauge(String name, String unit, String description, ToDoubleFunction<LocalMapStats> f) {
      Gauge.builder(name, snapshot.map, m -> f.applyAsDouble(snapshot.stats()))
          .description(description)
          .baseUnit(unit)
          .tag("map", map)
          .register(registry);
    }

    void counter(String name, ToDoubleFunction<LocalMapStats> f) {
      FunctionCounter.builder(name, snapshot.map, m -> f.applyAsDouble(snapshot.stats()))
          .description("this member's count since it started (Hazelcast's local map statistics)")
          .tag("map", map)
          .register(registry);
    }
  }

  /** The latest {@link LocalMapStats} of one map, taken again when older than a second. */
  static final class Snapshot {
    private final IMap<?, ?> map;
    private final Clock clock;
    private LocalMapStats stats;
    private long takenAt;

    Snapshot(IMap<?, ?> map, Clock clock) {
      this.map = map;
      this.clock = clock;
    }

    synchronized LocalMapStats stats() {
      long now = clock.millis();
      if (stats == null || now - takenAt >= SNAPSHOT_MILLIS || now < takenAt) {
        stats = map.getLocalMapStats();
        takenAt = now;
      }
      return stats;
    }
  }
}
