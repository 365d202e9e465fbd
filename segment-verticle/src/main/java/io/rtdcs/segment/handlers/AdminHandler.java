package io.rtdcs.segment.handlers;

import io.rtdcs.segment.JsonFields;
import io.rtdcs.segment.definitions.DefinitionKind;
import io.rtdcs.segment.definitions.DefinitionsAdmin;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** {@code dcs.admin.traits|segments|destinations}: runs the admin operation on a worker thread. */
public final class AdminHandler implements Handler<Message<Object>> {
  private final Vertx vertx;
  private final DefinitionsAdmin admin;
  private final DefinitionKind kind;

  public AdminHandler(Vertx vertx, DefinitionsAdmin admin, DefinitionKind kind) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.admin = Objects.requireNonNull(admin, "admin");
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  @Override
  public void handle(Message<Object> message) {
    JsonObject body;
    try {
      body = JsonFields.object(message.body(), "body");
    } catch (RuntimeException e) {
      Replies.fail(message, kind.address(), e);
      return;
    }
    vertx
        .executeBlocking(() -> admin.handle(kind, body), false)
        .onSuccess(message::reply)
        .onFailure(e -> Replies.fail(message, kind.address(), e));
  }
}
