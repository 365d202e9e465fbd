package io.rtdcs.segment.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.spi.exception.RetryableHazelcastException;
import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.DefinitionsRegistry;
import io.rtdcs.store.StoreFullException;
import io.rtdcs.store.WriteBacklog;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Base of the profile EntryProcessors. Runs at the key's owner (on its partition thread, so one
 * visitor's updates never interleave), finds that member's compiled definitions through {@link
 * DefinitionsRegistry}, and replicates the resulting profile to the backup as a plain value (the
 * backup does not re-run the logic).
 */
abstract class ProfileProcessor<R>
    implements EntryProcessor<String, Profile, R>, HazelcastInstanceAware {
  protected final long now;
  private transient HazelcastInstance hz;
  private transient ProfileBackupProcessor backup;

  ProfileProcessor(long now) {
    this.now = now;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
    this.hz = hazelcastInstance;
  }

  /** The owner member's definitions; a retryable failure while they are still loading. */
  protected Definitions definitions() {
    if (hz == null) {
      throw new IllegalStateException("no HazelcastInstance injected into the processor");
    }
    Definitions d = DefinitionsRegistry.forInstance(hz).current();
    if (d == null) {
      throw new RetryableHazelcastException("rtdcs definitions are still loading on this member");
    }
    return d;
  }

  /**
   * Stores {@code p} with the TTL of its longest-living trait and prepares the backup; refused
   * ({@link StoreFullException}, nothing changed) while this member's write-behind backlog is at
   * {@code store.writeBehindLimit}.
   */
  protected void store(Map.Entry<String, Profile> entry, Profile p) {
    WriteBacklog backlog = WriteBacklog.of(hz);
    if (backlog != null) {
      backlog.admit();
    }
    write(entry, p);
  }

  /** {@link #store} that is never refused: privacy actions (an opt-out must always apply). */
  protected void write(Map.Entry<String, Profile> entry, Profile p) {
    long ttl = ProfileUpdater.entryTtlMillis(p, now);
    ((ExtendedMapEntry<String, Profile>) entry).setValue(p, ttl, TimeUnit.MILLISECONDS);
    backup = new ProfileBackupProcessor(p, ttl);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public EntryProcessor<String, Profile, R> getBackupProcessor() {
    return (EntryProcessor) backup;
  }
}
