package io.rtdcs.segment.store;

import java.util.Objects;

/**
 * A declared customer ID (d_cid): data source, the visitor's id there, authentication state (0
 * unknown, 1 authenticated, 2 logged out) and whether the caller proved it (a signature or an
 * authenticated caller, docs/privacy.md): only a proven ID names a person's profile.
 */
public record DeclaredId(int dpid, String dpuuid, int auth, boolean proven) {
  /** The proven flag in {@link #packedState()}: auth states are 0..2. */
  private static final int PROVEN_BIT = 4;

  public DeclaredId {
    Objects.requireNonNull(dpuuid, "dpuuid");
  }

  /** An unproven declared ID. */
  public DeclaredId(int dpid, String dpuuid, int auth) {
    this(dpid, dpuuid, auth, false);
  }

  /**
   * The key of its link in {@code rtdcs.ids} and of its person's profile in {@code rtdcs.people}.
   */
  public String key() {
    return IdLink.key(dpid, dpuuid);
  }

  /** Authenticated now or before (1 or 2): the ID has a person's profile to read. */
  public boolean authenticatedOnce() {
    return auth == 1 || auth == 2;
  }

  /**
   * The auth state and the proven flag in one number (stored rows before the flag read unproven).
   */
  int packedState() {
    return auth | (proven ? PROVEN_BIT : 0);
  }

  static DeclaredId unpack(int dpid, String dpuuid, int packedState) {
    return new DeclaredId(dpid, dpuuid, packedState & ~PROVEN_BIT, (packedState & PROVEN_BIT) != 0);
  }
}
