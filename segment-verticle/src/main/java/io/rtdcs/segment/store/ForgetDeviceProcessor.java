package io.rtdcs.segment.store;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes one uuid from an {@code rtdcs.ids} entry (a deletion): the entry goes when it points to
 * that uuid, else the uuid leaves its earlier devices (the TTL the entry has is kept). Returns
 * whether anything changed. Deterministic, so the backup runs the same processor.
 */
public final class ForgetDeviceProcessor implements EntryProcessor<String, IdLink, Boolean> {
  final String uuid;

  public ForgetDeviceProcessor(String uuid) {
    this.uuid = uuid;
  }

  @Override
  public Boolean process(Map.Entry<String, IdLink> entry) {
    IdLink link = entry.getValue();
    if (link == null) {
      return Boolean.FALSE;
    }
    if (link.uuid().equals(uuid)) {
      entry.setValue(null);
      return Boolean.TRUE;
    }
    if (!link.devices().contains(uuid)) {
      return Boolean.FALSE;
    }
    List<String> devices = new ArrayList<>(link.devices());
    devices.remove(uuid);
    ((ExtendedMapEntry<String, IdLink>) entry)
        .setValueWithoutChangingExpiryTime(new IdLink(link.uuid(), link.linkedAt(), devices));
    return Boolean.TRUE;
  }
}
