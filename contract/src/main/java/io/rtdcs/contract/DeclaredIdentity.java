package io.rtdcs.contract;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A declared (customer) ID on the contract: data source, the visitor's id there, its authentication
 * state (0 unknown, 1 authenticated, 2 logged out) and whether the caller proved it (only a proven
 * ID may find, link or opt out the profile it names: docs/privacy.md).
 */
public record DeclaredIdentity(int dpid, String dpuuid, int auth, boolean proven) {
  public DeclaredIdentity {
    Objects.requireNonNull(dpuuid, "dpuuid");
  }

  /** The same ID, proven by the caller (a signature or a trusted caller). */
  public DeclaredIdentity proved() {
    return new DeclaredIdentity(dpid, dpuuid, auth, true);
  }

  /** Its JSON form: {@code {"dpid", "dpuuid", "auth", "proven"}}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("dpid", dpid)
        .put("dpuuid", dpuuid)
        .put("auth", auth)
        .put("proven", proven);
  }

  /** Its JSON form as an identity the device proved before ({@code proven} is implied). */
  public JsonObject toIdentityJson() {
    return new JsonObject().put("dpid", dpid).put("dpuuid", dpuuid).put("auth", auth);
  }

  void writeTo(WireWriter out) {
    out.signedInt(dpid).string(dpuuid).varInt(auth).bool(proven);
  }

  static DeclaredIdentity readFrom(WireReader in) {
    int dpid = in.signedInt();
    String dpuuid = in.string();
    if (dpuuid == null) {
      throw RequestException.badRequest("wire", "declared ID without dpuuid");
    }
    return new DeclaredIdentity(dpid, dpuuid, in.varInt(), in.bool());
  }
}
