package io.rtdcs.segment.store;

import java.util.Map;

/** Records one ID sync in the profile; returns whether the visitor is opted out. */
public final class SyncIdProcessor extends ProfileProcessor<Boolean> {
  private final int dpid;
  private final String dpuuid;

  public SyncIdProcessor(int dpid, String dpuuid, long now) {
    super(now);
    this.dpid = dpid;
    this.dpuuid = dpuuid;
  }

  int dpid() {
    return dpid;
  }

  String dpuuid() {
    return dpuuid;
  }

  @Override
  public Boolean process(Map.Entry<String, Profile> entry) {
    Profile p = entry.getValue() == null ? new Profile() : entry.getValue();
    if (!ProfileUpdater.syncId(p, dpid, dpuuid, now)) {
      return Boolean.TRUE;
    }
    store(entry, p);
    return Boolean.FALSE;
  }
}
