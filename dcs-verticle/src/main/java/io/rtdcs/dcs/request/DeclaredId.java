package io.rtdcs.dcs.request;

import io.vertx.core.json.JsonObject;
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

  public JsonObject toJson() {
    return new JsonObject()
        .put("dpid", dpid)
        .put("dpuuid", dpuuid)
        .put("auth", auth)
        .put("proven", proven);
  }
}
