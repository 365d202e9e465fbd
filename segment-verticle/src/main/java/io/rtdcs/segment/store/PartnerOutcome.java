package io.rtdcs.segment.store;

import java.util.List;

/**
 * A partner lookup outcome that changes the cache: {@code ok} with segments, or {@code no-data}
 * (empty segments). {@code ttlSeconds} &lt; 0 means "the partner's default".
 */
public record PartnerOutcome(int dpid, List<String> segments, int ttlSeconds) {
  public PartnerOutcome {
    segments = List.copyOf(segments);
  }
}
