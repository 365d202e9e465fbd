package io.rtdcs.segment.held;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.Limits;
import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.rtdcs.segment.handlers.Replies;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Objects;

/**
 * {@code dcs.calls.hold} and {@code dcs.calls.release} (docs/event-bus.md): keeps an accepted call
 * that was answered before it was stored in {@code rtdcs.pending} (acknowledged once the entry and
 * its backup are written), and forgets it once stored.
 */
public final class HeldCallsHandler {
  private final PendingCalls pending;
  private final Clock clock;

  public HeldCallsHandler(PendingCalls pending, Clock clock) {
    this.pending = Objects.requireNonNull(pending, "pending");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void hold(Message<Object> message) {
    String tid;
    String stored;
    try {
      JsonObject body = JsonFields.object(message.body(), "body");
      tid = tid(body);
      stored = HeldCall.fromHoldRequest(body, clock.millis()).encode();
    } catch (RequestException e) {
      message.fail(e.code(), e.getMessage());
      return;
    }
    pending
        .hold(tid, stored)
        .onSuccess(v -> message.reply(new JsonObject().put("held", true)))
        .onFailure(e -> Replies.fail(message, Addresses.CALL_HOLD, e));
  }

  public void release(Message<Object> message) {
    String tid;
    try {
      tid = tid(JsonFields.object(message.body(), "body"));
    } catch (RequestException e) {
      message.fail(e.code(), e.getMessage());
      return;
    }
    pending
        .release(tid)
        .onSuccess(v -> message.reply(new JsonObject()))
        .onFailure(e -> Replies.fail(message, Addresses.CALL_RELEASE, e));
  }

  private static String tid(JsonObject body) {
    String tid = JsonFields.requireString(body, "tid", "tid");
    if (tid.length() > Limits.MAX_TID_LENGTH) {
      throw RequestException.badRequest(
          "tid", "must be 1 to " + Limits.MAX_TID_LENGTH + " characters");
    }
    return tid;
  }
}
