package io.rtdcs.node;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.VisitorIds;
import io.rtdcs.segment.store.IdLinkRows;
import io.rtdcs.segment.store.OutboundRows;
import io.rtdcs.segment.store.PrivacyEntryStore;
import io.rtdcs.segment.store.Profile;
import io.rtdcs.segment.store.ProfileRows;
import io.rtdcs.store.Database;
import io.rtdcs.store.DurableMaps;
import io.rtdcs.store.RowCodec;
import io.rtdcs.store.StoreOptions;
import io.rtdcs.store.StoreStats;
import io.rtdcs.store.TableEntryStore;
import io.rtdcs.store.WriteBacklog;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's durable state (docs/storage.md): the database, one {@link TableEntryStore} behind each
 * rtdcs map, the expiry sweep, the flush of what waits to be written at a graceful stop, and the
 * store's meters. With {@code store.backend=memory} there is none of it.
 */
final class DurableState implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DurableState.class);

  /** Flushes at a graceful stop before what still waits is given up (a second apart). */
  private static final int FLUSH_ATTEMPTS = 5;

  private final StoreOptions options;
  private final Database database;
  private final Map<String, TableEntryStore<?, ?>> stores;
  private final WriteBacklog backlog;

  private DurableState(
      StoreOptions options, Database database, Map<String, TableEntryStore<?, ?>> stores) {
    this.options = options;
    this.database = database;
    this.stores = stores;
    this.backlog = new WriteBacklog(options.getWriteBehindLimit());
  }

  /** Opens the database (migrating its schema); null with the memory backend. */
  static DurableState open(StoreOptions options, Clock clock) {
    if (!options.isDurable()) {
      return null;
    }
    Database db = Database.open(options);
    Map<String, TableEntryStore<?, ?>> stores = new LinkedHashMap<>();
    stores.put(
        ClusterMaps.PROFILES,
        new TableEntryStore<String, Profile>(
                db,
                table(ClusterMaps.PROFILES),
                ProfileRows.CODEC,
                false,
                ProfileRows.PRIVACY,
                clock)
            // a visitor minted within the write delay cannot have a row yet (whatever was written
            // for it still waits in Hazelcast's write-behind staging area, which answers first)
            .withUnstoredKeys(
                uuid ->
                    VisitorIds.mintedWithin(
                        uuid, clock.millis(), options.getWriteDelaySeconds() * 1000L - 1)));
    // people's profiles: keyed by a proven declared ID, never minted, so no key is known unstored
    stores.put(
        ClusterMaps.PEOPLE,
        new TableEntryStore<String, Profile>(
            db, table(ClusterMaps.PEOPLE), ProfileRows.CODEC, false, ProfileRows.PRIVACY, clock));
    stores.put(
        ClusterMaps.IDS,
        new TableEntryStore<>(db, table(ClusterMaps.IDS), IdLinkRows.CODEC, false, null, clock));
    stores.put(
        ClusterMaps.OUTBOUND,
        new TableEntryStore<>(
            db, table(ClusterMaps.OUTBOUND), OutboundRows.CODEC, true, null, clock));
    stores.put(
        ClusterMaps.PRIVACY,
        new PrivacyEntryStore(db, clock, Duration.ofDays(options.getOptOutDays())));
    for (String map :
        new String[] {
          ClusterMaps.PARTNERS,
          ClusterMaps.TRAITS,
          ClusterMaps.SEGMENTS,
          ClusterMaps.DESTINATIONS,
          ClusterMaps.MERGE_RULES
        }) {
      stores.put(
          map, new TableEntryStore<>(db, table(map), RowCodec.idToText(), true, null, clock));
    }
    stores.put(
        ClusterMaps.META,
        new TableEntryStore<>(db, table(ClusterMaps.META), RowCodec.text(), true, null, clock));
    return new DurableState(options, db, stores);
  }

  private static String table(String map) {
    return DurableMaps.table(map);
  }

  /** Puts the stores behind the maps of a member config, before Hazelcast starts. */
  void configure(Config config) {
    DurableMaps.configure(config, options, stores);
    WriteBacklog.install(config.getUserContext(), backlog);
  }

  /**
   * Measures this member's write-behind backlog of profiles (of devices and of people) and links
   * (the entries it owns that wait for the database) for {@link WriteBacklog#admit}; returns it.
   * Called every second.
   */
  long measureBacklog(HazelcastInstance hz) {
    long waiting = 0;
    for (String map : List.of(ClusterMaps.PROFILES, ClusterMaps.PEOPLE, ClusterMaps.IDS)) {
      var stats = hz.getMap(map).getLocalMapStats();
      waiting += stats.getDirtyEntryCount();
    }
    boolean wasFull = backlog.isFull();
    backlog.measured(waiting);
    if (backlog.isFull() != wasFull) {
      if (wasFull) {
        LOG.info("store: write-behind backlog {} below its limit again: writes admitted", waiting);
      } else {
        LOG.warn(
            "store: write-behind backlog {} reached store.writeBehindLimit {}: new visitor data is"
                + " refused (rtdcs_store_write_refused_total) until the database catches up",
            waiting,
            backlog.limit());
      }
    }
    return waiting;
  }

  WriteBacklog backlog() {
    return backlog;
  }

  /**
   * Every map's database counters, tagged {@code map}, the write-behind backlog against its limit,
   * and whether the database answers. The maps' own statistics (entries, memory, entries waiting to
   * be written) are {@link MapMetrics}'.
   */
  void bindMeters(MeterRegistry registry) {
    stores.forEach(
        (map, store) -> {
          StoreStats s = store.stats();
          counter(registry, "rtdcs.store.rows.written", map, s, StoreStats::rowsWritten);
          counter(registry, "rtdcs.store.rows.deleted", map, s, StoreStats::rowsDeleted);
          counter(registry, "rtdcs.store.rows.loaded", map, s, StoreStats::rowsLoaded);
          counter(registry, "rtdcs.store.write.failures", map, s, StoreStats::writeFailures);
          counter(registry, "rtdcs.store.load.failures", map, s, StoreStats::loadFailures);
          counter(registry, "rtdcs.store.rows.unreadable", map, s, StoreStats::unreadableRows);
          counter(registry, "rtdcs.store.privacy.refused", map, s, StoreStats::refusedByPrivacy);
          FunctionCounter.builder("rtdcs.store.loads.spared", store, TableEntryStore::loadsSpared)
              .description("loads answered without the database (a visitor minted moments ago)")
              .tag("map", map)
              .register(registry);
        });
    FunctionCounter.builder("rtdcs.store.write.refused", backlog, WriteBacklog::refused)
        .description("visitor writes refused at this member: its write-behind backlog was full")
        .register(registry);
    Gauge.builder("rtdcs.store.write.backlog", backlog, WriteBacklog::waiting)
        .description(
            "profiles (of devices and people) and links waiting to be written (store.writeBehindLimit bounds it)")
        .register(registry);
    Gauge.builder("rtdcs.store.write.backlog.limit", backlog, WriteBacklog::limit)
        .description("store.writeBehindLimit: past this backlog new visitor data is refused")
        .register(registry);
    Gauge.builder("rtdcs.store.up", this, d -> d.lastProbe() ? 1 : 0)
        .description("1 while the database answered this member's last probe (every 5 s), else 0")
        .register(registry);
  }

  private static void counter(
      MeterRegistry registry,
      String name,
      String map,
      StoreStats stats,
      java.util.function.ToDoubleFunction<StoreStats> f) {
    FunctionCounter.builder(name, stats, f).tag("map", map).register(registry);
  }

  /** Deletes the expired rows of every table; returns how many. Blocking. */
  long sweep() {
    long total = 0;
    for (TableEntryStore<?, ?> store : stores.values()) {
      try {
        total += store.sweep();
      } catch (java.sql.SQLException e) {
        LOG.warn("store sweep of {} failed: {}", store.table(), e.getMessage());
      }
    }
    return total;
  }

  /**
   * Writes what waits behind the profile, link and push maps (a graceful stop). Blocking. A flush
   * whose writes failed leaves entries dirty: it is repeated (at most {@value #FLUSH_ATTEMPTS}
   * times, a second apart) until none waits, and what still waits then is logged.
   */
  void flush(HazelcastInstance hz) {
    long start = System.nanoTime();
    long first = -1;
    long left = 0;
    for (int attempt = 1; attempt <= FLUSH_ATTEMPTS; attempt++) {
      left = 0;
      for (String map : DurableMaps.writeBehindMaps()) {
        IMap<?, ?> imap = hz.getMap(map);
        long dirty = imap.getLocalMapStats().getDirtyEntryCount();
        left += dirty;
        if (dirty > 0 || attempt == 1) {
          imap.flush();
        }
      }
      if (first < 0) {
        first = left;
      }
      left = dirtyEntries(hz);
      if (left == 0) {
        break;
      }
      LOG.warn("store: {} writes still waiting after flush {}; flushing again", left, attempt);
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (left > 0) {
      LOG.error("store: {} writes not written at stop (database unreachable?)", left);
    }
    LOG.info(
        "store: flushed {} pending writes in {} ms",
        first,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static long dirtyEntries(HazelcastInstance hz) {
    long dirty = 0;
    for (String map : DurableMaps.writeBehindMaps()) {
      dirty += hz.getMap(map).getLocalMapStats().getDirtyEntryCount();
    }
    return dirty;
  }

  private volatile boolean reachable = true;

  /** Asks the database whether it answers (blocking, at most the pool's 2 s) and remembers it. */
  boolean probe() {
    reachable = database.reachable();
    return reachable;
  }

  /** What the last {@link #probe()} found (true before the first). */
  boolean lastProbe() {
    return reachable;
  }

  StoreOptions options() {
    return options;
  }

  @Override
  public void close() {
    database.close();
  }
}
