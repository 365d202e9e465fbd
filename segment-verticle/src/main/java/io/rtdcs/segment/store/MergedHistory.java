package io.rtdcs.segment.store;

import io.rtdcs.rules.TraitHistory;
import java.util.List;
import java.util.Map;

/**
 * The profiles one merge rule picks, seen as one by a segment rule: a trait is live when it is live
 * in any of them, and its realizations are the sum of theirs (each profile's day counters answer
 * for its own realizations, so windows stay exact). Segment membership is the call's, shared by
 * every rule ({@link ProfileHistory}).
 */
final class MergedHistory implements TraitHistory {
  private final List<Map<Integer, TraitRecord>> sources;
  private final ProfileHistory segments;
  private final long now;

  MergedHistory(List<Map<Integer, TraitRecord>> sources, ProfileHistory segments, long now) {
    this.sources = List.copyOf(sources);
    this.segments = segments;
    this.now = now;
  }

  @Override
  public boolean isLive(int sid) {
    for (Map<Integer, TraitRecord> s : sources) {
      TraitRecord t = s.get(sid);
      if (t != null && t.isLive(now)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public long count(int sid, long fromDay, long toDay) {
    long sum = 0;
    for (Map<Integer, TraitRecord> s : sources) {
      TraitRecord t = s.get(sid);
      if (t != null && t.isLive(now)) {
        sum += t.count(fromDay, toDay);
      }
    }
    return sum;
  }

  @Override
  public boolean inSegment(int segmentId) {
    return segments.inSegment(segmentId);
  }
}
