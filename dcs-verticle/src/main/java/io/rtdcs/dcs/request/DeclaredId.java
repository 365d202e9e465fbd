package io.rtdcs.dcs.request;

import io.rtdcs.contract.DeclaredIdentity;
import java.util.Objects;

/**
 * A declared (customer) ID: data source, the visitor's id there, the authentication state, and
 * whether the call proved it ({@link DeclaredIdProof}): only a proven ID may name a profile.
 */
public record DeclaredId(int dpid, String dpuuid, int auth, boolean proven) {
  public DeclaredId {
    Objects.requireNonNull(dpuuid, "dpuuid");
  }

  public DeclaredId(int dpid, String dpuuid, int auth) {
    this(dpid, dpuuid, auth, false);
  }

  public DeclaredId proved() {
    return new DeclaredId(dpid, dpuuid, auth, true);
  }

  /** This ID as the event-bus contract carries it. */
  public DeclaredIdentity onContract() {
    return new DeclaredIdentity(dpid, dpuuid, auth, proven);
  }
}
