package io.rtdcs.segment.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a realize call returns from the key's owner in the same round trip: live traits, traits
 * realized now, current segments, {@code d_sid}s naming no trait, the visitor's id per data source
 * (for {@code %DPID_n%} and server-to-server pushes), and the segments before this call (so the
 * caller can tell qualifications and disqualifications apart). {@code duplicate}: the profile
 * already held this call (a retry): nothing changed, nothing realized now, the segments unchanged.
 * {@code staleView}: null, or nothing applied and the rules to be evaluated again (see {@link
 * #stale}). {@code records}: null, or a person's profile's live traits that segment rules read (the
 * answer of {@link RealizeCommand#forPerson}).
 */
public record RealizeResult(
    boolean optedOut,
    int[] traits,
    int[] realized,
    int[] segments,
    int[] unknownSids,
    Map<Integer, String> knownIds,
    int[] previousSegments,
    boolean duplicate,
    Map<Integer, List<String>> staleView,
    Map<Integer, TraitRecord> records) {

  public RealizeResult(
      boolean optedOut,
      int[] traits,
      int[] realized,
      int[] segments,
      int[] unknownSids,
      Map<Integer, String> knownIds,
      int[] previousSegments,
      boolean duplicate,
      Map<Integer, List<String>> staleView) {
    this(
        optedOut,
        traits,
        realized,
        segments,
        unknownSids,
        knownIds,
        previousSegments,
        duplicate,
        staleView,
        null);
  }

  /** With the profile's live traits that segment rules read (a person's profile's answer). */
  public RealizeResult withRecords(Map<Integer, TraitRecord> r) {
    return new RealizeResult(
        optedOut,
        traits,
        realized,
        segments,
        unknownSids,
        knownIds,
        previousSegments,
        duplicate,
        staleView,
        r);
  }

  public RealizeResult(
      boolean optedOut,
      int[] traits,
      int[] realized,
      int[] segments,
      int[] unknownSids,
      Map<Integer, String> knownIds,
      int[] previousSegments,
      boolean duplicate) {
    this(
        optedOut,
        traits,
        realized,
        segments,
        unknownSids,
        knownIds,
        previousSegments,
        duplicate,
        null);
  }

  /**
   * Nothing applied: the call's {@link RuleVerdict} assumed other partner answers than the profile
   * holds ({@code view}, what the rules must be evaluated on), or it carried none.
   */
  public static RealizeResult stale(Map<Integer, List<String>> view) {
    return new RealizeResult(
        false,
        new int[0],
        new int[0],
        new int[0],
        new int[0],
        Map.of(),
        new int[0],
        false,
        new TreeMap<>(view));
  }

  public RealizeResult(
      boolean optedOut,
      int[] traits,
      int[] realized,
      int[] segments,
      int[] unknownSids,
      Map<Integer, String> knownIds,
      int[] previousSegments) {
    this(optedOut, traits, realized, segments, unknownSids, knownIds, previousSegments, false);
  }

  public RealizeResult {
    knownIds = new TreeMap<>(knownIds);
    previousSegments = previousSegments == null ? new int[0] : previousSegments;
  }

  /** A change that left every one of {@code previous} (an opt-out), for the outbound pushes. */
  public static RealizeResult segmentsLeft(int[] previous, Map<Integer, String> knownIds) {
    return new RealizeResult(
        false, new int[0], new int[0], new int[0], new int[0], knownIds, previous);
  }

  public static RealizeResult optedOutResult() {
    return new RealizeResult(
        true, new int[0], new int[0], new int[0], new int[0], Map.of(), new int[0]);
  }
}
