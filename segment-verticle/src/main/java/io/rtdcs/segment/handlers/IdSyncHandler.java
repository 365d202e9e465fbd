package io.rtdcs.segment.handlers;

import io.rtdcs.common.Addresses;
import io.rtdcs.contract.JsonFields;
import io.rtdcs.segment.store.ProfileStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Objects;

/** {@code dcs.ids.sync}: records (dpid, dpuuid) in the profile and links it in the ID graph. */
public final class IdSyncHandler implements Handler<Message<Object>> {
  private final ProfileStore store;
  private final Clock clock;

  public IdSyncHandler(ProfileStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(Message<Object> message) {
    String uuid;
    int dpid;
    String dpuuid;
    try {
      JsonObject body = JsonFields.object(message.body(), "body");
      uuid = Requests.uuid(body, true);
      dpid = JsonFields.requirePositiveInt(body, "dpid", "dpid");
      dpuuid = Requests.dpuuid(body, "dpuuid");
    } catch (RuntimeException e) {
      Replies.fail(message, Addresses.ID_SYNC, e);
      return;
    }
    long now = clock.millis();
    store
        .syncId(uuid, dpid, dpuuid, now)
        .compose(
            optedOut ->
                optedOut
                    ? Future.succeededFuture(true)
                    : store.link(dpid, dpuuid, uuid, now).map(v -> false))
        .onSuccess(
            optedOut -> message.reply(new JsonObject().put("uuid", uuid).put("optedOut", optedOut)))
        .onFailure(e -> Replies.fail(message, Addresses.ID_SYNC, e));
  }
}
