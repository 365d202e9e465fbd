package io.rtdcs.dcs.flow;

import io.rtdcs.contract.RequestException;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * {@code dcs.calls.replay} (docs/event-bus.md): collects a held call whose node died before storing
 * it, as that node would have ({@link EventService#collect}); replies once stored. A body that is
 * not a held call fails with 400 (the member replaying it drops it); a call that could not be
 * stored within {@code collection.retryForMs} with 503 (replayed again later).
 */
public final class CallReplayHandler implements Handler<Message<Object>> {
  private final EventService service;

  public CallReplayHandler(EventService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  @Override
  public void handle(Message<Object> message) {
    CollectedCall call;
    try {
      call = CollectedCall.fromJson(message.body());
    } catch (RequestException invalid) {
      message.fail(400, invalid.getMessage());
      return;
    }
    service
        .collect(call)
        .onSuccess(stored -> message.reply(new JsonObject()))
        .onFailure(e -> message.fail(503, "not stored: " + e.getMessage()));
  }
}
