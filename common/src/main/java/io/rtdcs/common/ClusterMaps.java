package io.rtdcs.common;

/** Names of the Hazelcast structures rtdcs keeps; cluster.xml configures each. */
public final class ClusterMaps {
  public static final String PROFILES = "rtdcs.profiles";
  public static final String IDS = "rtdcs.ids";
  public static final String PARTNERS = "rtdcs.partners";
  public static final String TRAITS = "rtdcs.traits";
  public static final String SEGMENTS = "rtdcs.segments";
  public static final String DESTINATIONS = "rtdcs.destinations";

  /** Profile Merge Rules: id -> definition JSON (docs/profiles.md, "People"). */
  public static final String MERGE_RULES = "rtdcs.mergerules";

  /**
   * Authenticated (cross-device) profiles: "dpid:id" (a proven declared ID) -> profile, stored like
   * the device profiles of {@link #PROFILES} (docs/profiles.md, "People").
   */
  public static final String PEOPLE = "rtdcs.people";

  /** Pending server-to-server pushes: "destinationId|uuid" -> pending push (docs/outbound.md). */
  public static final String OUTBOUND = "rtdcs.outbound";

  /**
   * Accepted calls answered before they were stored: tid -> held call (docs/operations.md,
   * "Overload"). Memory only, with a synchronous backup; released once the call is stored.
   */
  public static final String PENDING = "rtdcs.pending";

  /**
   * Privacy actions per visitor (uuid -> opt-out and deletion times), written through to the
   * database before they are acknowledged (docs/storage.md).
   */
  public static final String PRIVACY = "rtdcs.privacy";

  /**
   * Markers such as "seeded.partners" so definitions are seeded from config only once per cluster.
   */
  public static final String META = "rtdcs.meta";

  private ClusterMaps() {}
}
