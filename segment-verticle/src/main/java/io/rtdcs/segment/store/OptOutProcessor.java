package io.rtdcs.segment.store;

import java.util.Map;

/**
 * Marks a profile opted out (creating it if needed) and drops its data. Returns the change as a
 * {@link RealizeResult#segmentsLeft}: every segment the visitor was in is left (for the status-0
 * pushes to server-to-server destinations).
 */
public final class OptOutProcessor extends ProfileProcessor<RealizeResult> {

  public OptOutProcessor(long now) {
    super(now);
  }

  @Override
  public RealizeResult process(Map.Entry<String, Profile> entry) {
    Profile p = entry.getValue() == null ? new Profile() : entry.getValue();
    int[] before = p.optedOut() ? new int[0] : p.segments();
    ProfileUpdater.optOut(p, now);
    write(entry, p);
    return RealizeResult.segmentsLeft(before, p.knownIds());
  }
}
