package io.rtdcs.segment.handlers;

import io.rtdcs.common.Addresses;
import io.rtdcs.segment.JsonFields;
import io.rtdcs.segment.definitions.DefinitionsImport;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** {@code dcs.admin.definitions}: runs an import or restore on a worker thread. */
public final class ImportHandler implements Handler<Message<Object>> {
  private final Vertx vertx;
  private final DefinitionsImport imports;

  public ImportHandler(Vertx vertx, DefinitionsImport imports) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.imports = Objects.requireNonNull(imports, "imports");
  }

  @Override
  public void handle(Message<Object> message) {
    JsonObject body;
    try {
      body = JsonFields.object(message.body(), "body");
    } catch (RuntimeException e) {
      Replies.fail(message, Addresses.ADMIN_DEFINITIONS, e);
      return;
    }
    // ordered: two imports reaching one member run one after the other
    vertx
        .executeBlocking(() -> imports.handle(body), true)
        .onSuccess(message::reply)
        .onFailure(e -> Replies.fail(message, Addresses.ADMIN_DEFINITIONS, e));
  }
}
