package io.rtdcs.segment.store;

import io.rtdcs.rules.TraitHistory;
import java.util.HashSet;
import java.util.Set;

/**
 * A profile seen by segment rules at one instant: live traits, their day counters, and segment
 * membership (segments evaluated earlier in this call count with their new state, the others with
 * their stored state).
 */
final class ProfileHistory implements TraitHistory {
  private final Profile profile;
  private final long now;
  private final Set<Integer> previous = new HashSet<>();
  private final Set<Integer> evaluated = new HashSet<>();
  private final Set<Integer> current = new HashSet<>();

  ProfileHistory(Profile profile, long now) {
    this.profile = profile;
    this.now = now;
    for (int s : profile.segments()) {
      previous.add(s);
    }
  }

  void decide(int segmentId, boolean in) {
    evaluated.add(segmentId);
    if (in) {
      current.add(segmentId);
    }
  }

  int[] currentSegments() {
    return current.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  @Override
  public boolean isLive(int sid) {
    TraitRecord t = profile.traits().get(sid);
    return t != null && t.isLive(now);
  }

  @Override
  public long count(int sid, long fromDay, long toDay) {
    TraitRecord t = profile.traits().get(sid);
    if (t == null || !t.isLive(now)) {
      return 0;
    }
    return t.count(fromDay, toDay);
  }

  @Override
  public boolean inSegment(int segmentId) {
    return evaluated.contains(segmentId)
        ? current.contains(segmentId)
        : previous.contains(segmentId);
  }
}
