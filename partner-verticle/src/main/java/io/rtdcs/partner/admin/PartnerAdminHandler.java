package io.rtdcs.partner.admin;

import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.partner.definition.JsonFields;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.rtdcs.partner.store.PartnerDefinitionStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dcs.admin.partners}: list, get, put and delete partner definitions in the cluster map. A
 * definition is validated before anything is written; every node's entry listener applies it.
 */
public final class PartnerAdminHandler implements Handler<Message<Object>> {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerAdminHandler.class);

  private final PartnerDefinitionStore store;
  private final RateLimitedLogger failures;

  public PartnerAdminHandler(PartnerDefinitionStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.failures = new RateLimitedLogger(LOG, 10_000);
  }

  @Override
  public void handle(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body)) {
      message.fail(400, "body: must be a JSON object");
      return;
    }
    Future<JsonObject> reply;
    try {
      reply = dispatch(body);
    } catch (IllegalArgumentException e) {
      message.fail(400, e.getMessage());
      return;
    }
    reply.onComplete(
        ar -> {
          if (ar.succeeded()) {
            message.reply(ar.result());
          } else if (ar.cause() instanceof NotFound nf) {
            message.fail(404, nf.getMessage());
          } else {
            failures.warn("admin partners failed: {}", String.valueOf(ar.cause()));
            message.fail(503, "partner store unavailable: " + ar.cause().getMessage());
          }
        });
  }

  private Future<JsonObject> dispatch(JsonObject body) {
    JsonFields f = new JsonFields(body, "");
    String op = f.string("op", null);
    switch (op) {
      case "list":
        return store.all().map(PartnerAdminHandler::items);
      case "get":
        {
          int id = id(f);
          return store.get(id).compose(json -> found(id, json)).map(PartnerAdminHandler::stored);
        }
      case "put":
        {
          int id = id(f);
          JsonObject raw = f.object("definition");
          if (raw == null) {
            throw JsonFields.invalid("definition", "required");
          }
          JsonObject copy = raw.copy();
          if (copy.getValue("dpid") == null) {
            copy.put("dpid", id);
          }
          PartnerDefinition definition = PartnerDefinition.fromJson(copy);
          if (definition.dpid() != id) {
            throw JsonFields.invalid("dpid", "must equal id " + id);
          }
          return store.put(definition).map(v -> definition.toJson());
        }
      case "delete":
        {
          int id = id(f);
          return store
              .remove(id)
              .compose(json -> found(id, json))
              .map(json -> new JsonObject().put("deleted", id));
        }
      default:
        throw JsonFields.invalid("op", "must be one of list, get, put, delete");
    }
  }

  private static int id(JsonFields f) {
    return (int) f.integer("id", 1, Integer.MAX_VALUE, null);
  }

  private static Future<String> found(int id, String json) {
    return json == null
        ? Future.failedFuture(new NotFound("id: no partner " + id))
        : Future.succeededFuture(json);
  }

  private static JsonObject stored(String json) {
    try {
      return PartnerDefinition.fromJsonString(json).toJson();
    } catch (IllegalArgumentException e) {
      return new JsonObject(json);
    }
  }

  private static JsonObject items(Map<Integer, String> all) {
    JsonArray items = new JsonArray();
    all.values().forEach(json -> items.add(stored(json)));
    return new JsonObject().put("items", items);
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }
}
