package io.rtdcs.segment.store;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Points an {@code rtdcs.ids} entry at a uuid (newest wins), remembering the devices it pointed to
 * before, and renews its TTL. Deterministic, so the backup runs the same processor.
 */
public final class LinkProcessor implements EntryProcessor<String, IdLink, Void> {
  final String uuid;
  final long now;
  final long ttlDays;

  public LinkProcessor(String uuid, long now, long ttlDays) {
    this.uuid = uuid;
    this.now = now;
    this.ttlDays = ttlDays;
  }

  @Override
  public Void process(Map.Entry<String, IdLink> entry) {
    IdLink old = entry.getValue();
    IdLink link = old == null ? new IdLink(uuid, now) : old.relinked(uuid, now);
    ((ExtendedMapEntry<String, IdLink>) entry).setValue(link, ttlDays, TimeUnit.DAYS);
    return null;
  }
}
