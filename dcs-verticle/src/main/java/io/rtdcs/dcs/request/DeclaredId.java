package io.rtdcs.dcs.request;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** A declared (customer) ID: data source, the visitor's id there, and the authentication state. */
public record DeclaredId(int dpid, String dpuuid, int auth) {
  public DeclaredId {
    Objects.requireNonNull(dpuuid, "dpuuid");
  }

  public JsonObject toJson() {
    return new JsonObject().put("dpid", dpid).put("dpuuid", dpuuid).put("auth", auth);
  }
}
