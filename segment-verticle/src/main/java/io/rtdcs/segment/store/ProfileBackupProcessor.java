package io.rtdcs.segment.store;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Writes the profile the primary computed onto the backup replica, with the same TTL. */
public final class ProfileBackupProcessor implements EntryProcessor<String, Profile, Object> {
  private final Profile profile;
  private final long ttlMillis;

  public ProfileBackupProcessor(Profile profile, long ttlMillis) {
    this.profile = profile;
    this.ttlMillis = ttlMillis;
  }

  Profile profile() {
    return profile;
  }

  long ttlMillis() {
    return ttlMillis;
  }

  @Override
  public Object process(Map.Entry<String, Profile> entry) {
    ((ExtendedMapEntry<String, Profile>) entry).setValue(profile, ttlMillis, TimeUnit.MILLISECONDS);
    return null;
  }

  @Override
  public EntryProcessor<String, Profile, Object> getBackupProcessor() {
    return null;
  }
}
