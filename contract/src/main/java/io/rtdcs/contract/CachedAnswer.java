package io.rtdcs.contract;

import java.util.List;

/** A partner's answer cached in the profile: its segment codes, until {@code expiresAt}. */
public record CachedAnswer(List<String> segments, long expiresAt) {
  public CachedAnswer {
    segments = List.copyOf(segments);
  }
}
