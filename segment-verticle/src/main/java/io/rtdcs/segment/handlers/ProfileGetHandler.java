package io.rtdcs.segment.handlers;

import io.rtdcs.common.Addresses;
import io.rtdcs.segment.JsonFields;
import io.rtdcs.segment.RequestException;
import io.rtdcs.segment.store.ProfileStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.Objects;

/** {@code dcs.profiles.get}: the whole stored profile, 404 when there is none. */
public final class ProfileGetHandler implements Handler<Message<Object>> {
  private final ProfileStore store;
  private final Clock clock;

  public ProfileGetHandler(ProfileStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(Message<Object> message) {
    String uuid;
    try {
      uuid = Requests.uuid(JsonFields.object(message.body(), "body"), true);
    } catch (RuntimeException e) {
      Replies.fail(message, Addresses.PROFILE_GET, e);
      return;
    }
    store
        .get(uuid)
        .compose(
            p ->
                p == null
                    ? Future.failedFuture(RequestException.notFound("uuid", "no profile " + uuid))
                    : Future.succeededFuture(ProfileJson.full(uuid, p, clock.millis())))
        .onSuccess(message::reply)
        .onFailure(e -> Replies.fail(message, Addresses.PROFILE_GET, e));
  }
}
