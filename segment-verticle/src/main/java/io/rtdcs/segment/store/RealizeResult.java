package io.rtdcs.segment.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a realize call returns from the key's owner in the same round trip: live traits, traits
 * realized now, current segments, {@code d_sid}s naming no trait, and the visitor's id per data
 * source (for {@code %DPID_n%}).
 */
public record RealizeResult(
    boolean optedOut,
    int[] traits,
    int[] realized,
    int[] segments,
    int[] unknownSids,
    Map<Integer, String> knownIds) {

  public RealizeResult {
    knownIds = new TreeMap<>(knownIds);
  }

  public static RealizeResult optedOutResult() {
    return new RealizeResult(true, new int[0], new int[0], new int[0], new int[0], Map.of());
  }
}
