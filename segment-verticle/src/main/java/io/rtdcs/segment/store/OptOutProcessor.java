package io.rtdcs.segment.store;

import java.util.Map;

/** Marks a profile opted out (creating it if needed) and drops its data. */
public final class OptOutProcessor extends ProfileProcessor<Boolean> {

  public OptOutProcessor(long now) {
    super(now);
  }

  @Override
  public Boolean process(Map.Entry<String, Profile> entry) {
    Profile p = entry.getValue() == null ? new Profile() : entry.getValue();
    ProfileUpdater.optOut(p, now);
    store(entry, p);
    return Boolean.TRUE;
  }
}
