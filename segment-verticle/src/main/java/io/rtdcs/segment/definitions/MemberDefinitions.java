package io.rtdcs.segment.definitions;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapClearedListener;
import io.rtdcs.common.ClusterMaps;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled definitions of one Hazelcast member, shared by every SegmentVerticle instance on it
 * and by the EntryProcessors that run there (also on members without a verticle). Loads the
 * definition maps on its own thread, listens to them, and swaps in a recompiled snapshot on every
 * change (milliseconds after the write).
 */
public final class MemberDefinitions {
  private static final Logger LOG = LoggerFactory.getLogger(MemberDefinitions.class);

  private final HazelcastInstance hz;
  private final ExecutorService executor;
  private final AtomicReference<Definitions> current = new AtomicReference<>();
  private final CompletableFuture<Definitions> ready = new CompletableFuture<>();
  private final AtomicBoolean reloadPending = new AtomicBoolean();
  private final AtomicLong version = new AtomicLong();
  private static final long RETRY_MILLIS = 1_000;
  private boolean listening;

  private MemberDefinitions(HazelcastInstance hz) {
    this.hz = hz;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "rtdcs-definitions-" + hz.getName());
              t.setDaemon(true);
              return t;
            });
  }

  static MemberDefinitions start(HazelcastInstance hz) {
    MemberDefinitions m = new MemberDefinitions(hz);
    hz.getLifecycleService()
        .addLifecycleListener(
            e -> {
              if (e.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                m.stop();
              }
            });
    m.executor.execute(m::initialize);
    return m;
  }

  /** The current snapshot, or null while the first load is running. */
  public Definitions current() {
    return current.get();
  }

  /** Completes with the first loaded snapshot. */
  public CompletableFuture<Definitions> ready() {
    return ready;
  }

  /** Reloads now (after anything already queued) and completes with the new snapshot. */
  public CompletableFuture<Definitions> reload() {
    CompletableFuture<Definitions> done = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              done.complete(load());
            } catch (RuntimeException e) {
              done.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  private void initialize() {
    try {
      if (!listening) {
        Listener listener = new Listener();
        for (String name :
            new String[] {
              ClusterMaps.TRAITS,
              ClusterMaps.SEGMENTS,
              ClusterMaps.DESTINATIONS,
              ClusterMaps.MERGE_RULES,
              ClusterMaps.PARTNERS
            }) {
          hz.getMap(name).addEntryListener(listener, false);
        }
        listening = true;
      }
      ready.complete(load());
    } catch (RuntimeException e) {
      if (!hz.getLifecycleService().isRunning()) {
        ready.completeExceptionally(e);
        return;
      }
      LOG.warn(
          "definitions of member {} not loaded, retrying in 1 s: {}", hz.getName(), e.toString());
      try {
        Thread.sleep(RETRY_MILLIS);
        executor.execute(this::initialize);
      } catch (InterruptedException | RuntimeException stopped) {
        Thread.currentThread().interrupt();
        ready.completeExceptionally(e);
      }
    }
  }

  private void requestReload() {
    if (reloadPending.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              reloadPending.set(false);
              try {
                load();
              } catch (RuntimeException e) {
                LOG.warn("definitions reload failed: {}", e.toString());
              }
            });
      } catch (RuntimeException e) {
        reloadPending.set(false);
      }
    }
  }

  private Definitions load() {
    Definitions d = DefinitionsLoader.load(hz, version.incrementAndGet());
    current.set(d);
    LOG.debug(
        "member {} loaded definitions v{}: {} traits, {} segments, {} destinations, {} merge rules",
        hz.getName(),
        d.version(),
        d.traits().size(),
        d.segments().size(),
        d.destinations().size(),
        d.mergeRules().size());
    return d;
  }

  private void stop() {
    DefinitionsRegistry.remove(hz.getName(), this);
    executor.shutdownNow();
  }

  private final class Listener
      implements EntryAddedListener<Object, Object>,
          EntryUpdatedListener<Object, Object>,
          EntryRemovedListener<Object, Object>,
          EntryEvictedListener<Object, Object>,
          EntryExpiredListener<Object, Object>,
          MapClearedListener {
    @Override
    public void entryAdded(EntryEvent<Object, Object> event) {
      requestReload();
    }

    @Override
    public void entryUpdated(EntryEvent<Object, Object> event) {
      requestReload();
    }

    @Override
    public void entryRemoved(EntryEvent<Object, Object> event) {
      requestReload();
    }

    @Override
    public void entryEvicted(EntryEvent<Object, Object> event) {
      requestReload();
    }

    @Override
    public void entryExpired(EntryEvent<Object, Object> event) {
      requestReload();
    }

    @Override
    public void mapCleared(MapEvent event) {
      requestReload();
    }
  }
}
