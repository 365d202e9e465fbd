package io.rtdcs.segment.handlers;

import io.rtdcs.contract.JsonFields;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Function;

/**
 * An event-bus request answered by blocking work (definition maps read and written through to the
 * store) on a worker thread: {@code dcs.admin.traits|segments|destinations} and {@code
 * dcs.admin.definitions}. A body that is not a JSON object is refused before any work.
 */
public final class WorkerRequestHandler implements Handler<Message<Object>> {
  private final Vertx vertx;
  private final String address;
  private final Function<JsonObject, JsonObject> work;
  private final boolean ordered;

  /**
   * @param ordered whether requests reaching this member run one after the other (imports) or in
   *     parallel (single admin operations)
   */
  public WorkerRequestHandler(
      Vertx vertx, String address, Function<JsonObject, JsonObject> work, boolean ordered) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.address = Objects.requireNonNull(address, "address");
    this.work = Objects.requireNonNull(work, "work");
    this.ordered = ordered;
  }

  @Override
  public void handle(Message<Object> message) {
    JsonObject body;
    try {
      body = JsonFields.object(message.body(), "body");
    } catch (RuntimeException e) {
      Replies.fail(message, address, e);
      return;
    }
    vertx
        .executeBlocking(() -> work.apply(body), ordered)
        .onSuccess(message::reply)
        .onFailure(e -> Replies.fail(message, address, e));
  }
}
