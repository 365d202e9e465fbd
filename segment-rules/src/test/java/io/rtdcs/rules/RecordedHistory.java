package io.rtdcs.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test TraitHistory: realization instants per trait, every realized trait live. */
final class RecordedHistory implements TraitHistory {

  static final long DAY = 86_400_000L;

  private final Map<Integer, List<Long>> realizations = new HashMap<>();
  private final Set<Integer> segments = new HashSet<>();
  final List<long[]> countCalls = new ArrayList<>();

  RecordedHistory realize(int sid, long epochMillis) {
    realizations.computeIfAbsent(sid, k -> new ArrayList<>()).add(epochMillis);
    return this;
  }

  RecordedHistory realize(int sid, long epochMillis, int times) {
    for (int i = 0; i < times; i++) {
      realize(sid, epochMillis);
    }
    return this;
  }

  RecordedHistory addSegments(Integer... ids) {
    segments.addAll(List.of(ids));
    return this;
  }

  @Override
  public boolean isLive(int sid) {
    return realizations.containsKey(sid);
  }

  @Override
  public long count(int sid, long fromDay, long toDay) {
    countCalls.add(new long[] {sid, fromDay, toDay});
    return realizations.getOrDefault(sid, List.of()).stream()
        .mapToLong(t -> Math.floorDiv(t, DAY))
        .filter(day -> day >= fromDay && day <= toDay)
        .count();
  }

  @Override
  public boolean inSegment(int segmentId) {
    return segments.contains(segmentId);
  }
}
