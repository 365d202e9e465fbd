package io.rtdcs.dcs.flow;

import io.rtdcs.common.Limits;
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
    String invalid = invalid(message.body());
    if (invalid != null) {
      message.fail(400, invalid);
      return;
    }
    service
        .collect((JsonObject) message.body())
        .onSuccess(stored -> message.reply(new JsonObject()))
        .onFailure(e -> message.fail(503, "not stored: " + e.getMessage()));
  }

  /** Why {@code body} is not a held call, or null. */
  static String invalid(Object body) {
    if (!(body instanceof JsonObject call)) {
      return "body: must be a JSON object";
    }
    if (!(call.getValue("tid") instanceof String tid)
        || tid.isEmpty()
        || tid.length() > Limits.MAX_TID_LENGTH) {
      return "tid: must be 1 to " + Limits.MAX_TID_LENGTH + " characters";
    }
    if (!(call.getValue("realize") instanceof JsonObject)) {
      return "realize: must be an object";
    }
    Object resolve = call.getValue("resolve");
    if (resolve != null && !(resolve instanceof JsonObject)) {
      return "resolve: must be an object";
    }
    Object uuid = call.getValue("uuid");
    if (uuid != null && !(uuid instanceof String)) {
      return "uuid: must be a string";
    }
    return null;
  }
}
