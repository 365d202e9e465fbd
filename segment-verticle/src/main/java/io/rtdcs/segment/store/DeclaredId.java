package io.rtdcs.segment.store;

import java.util.Objects;

/** A declared customer ID (d_cid): data source, the visitor's id there, authentication state. */
public record DeclaredId(int dpid, String dpuuid, int auth) {
  public DeclaredId {
    Objects.requireNonNull(dpuuid, "dpuuid");
  }
}
