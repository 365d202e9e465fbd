package io.rtdcs.dcs.http;

import io.rtdcs.common.Addresses;
import io.rtdcs.dcs.request.Identifiers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Data-subject deletion: {@code DELETE /profiles/{uuid}} and {@code DELETE
 * /profiles?dpid=D&dpuuid=U}, each one {@code dcs.profiles.delete} request. Runs behind {@link
 * AdminAuth}; the reply (what was removed) is the JSON body.
 */
public final class DataSubjectHandler {
  static final int MAX_DPUUID_LENGTH = 512;
  private final AdminHandler admin;

  public DataSubjectHandler(AdminHandler admin) {
    this.admin = Objects.requireNonNull(admin, "admin");
  }

  /** {@code DELETE /profiles/:uuid}. */
  public void byUuid(RoutingContext ctx) {
    String uuid = ctx.pathParam("uuid");
    if (!Identifiers.isValidUuid(uuid)) {
      AdminHandler.error(ctx, 400, "uuid: expected 38 digits");
      return;
    }
    admin.forward(ctx, Addresses.PROFILE_DELETE, new JsonObject().put("uuid", uuid));
  }

  /** {@code DELETE /profiles?dpid=D&dpuuid=U}. */
  public void byDeclaredId(RoutingContext ctx) {
    String dpid = ctx.request().getParam("dpid");
    String dpuuid = ctx.request().getParam("dpuuid");
    Integer id = AdminHandler.positiveInt(dpid);
    if (id == null) {
      AdminHandler.error(ctx, 400, "dpid: expected a positive integer");
      return;
    }
    if (dpuuid == null || dpuuid.isEmpty() || dpuuid.length() > MAX_DPUUID_LENGTH) {
      AdminHandler.error(ctx, 400, "dpuuid: expected 1 to " + MAX_DPUUID_LENGTH + " characters");
      return;
    }
    // the admin token proves the declared id
    JsonObject declared =
        new JsonObject().put("dpid", id).put("dpuuid", dpuuid).put("proven", true);
    admin.forward(
        ctx,
        Addresses.PROFILE_DELETE,
        new JsonObject().put("declaredIds", new JsonArray().add(declared)));
  }
}
