package io.rtdcs.segment.store;

import java.util.List;
import java.util.Objects;

/** A partner's cached answer in a profile: its segments (empty = no data) and how long it holds. */
public record PartnerEntry(int dpid, List<String> segments, long fetchedAt, long expiresAt) {
  public PartnerEntry {
    segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
  }

  public boolean isFresh(long now) {
    return now < expiresAt;
  }
}
