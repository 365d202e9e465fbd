package io.rtdcs.partner.admin;

import io.rtdcs.common.Limits;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.common.WriteOnlySecrets;
import io.rtdcs.partner.definition.JsonFields;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.rtdcs.partner.definition.PartnerUrlGuard;
import io.rtdcs.partner.store.PartnerDefinitionStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dcs.admin.partners}: list, get, put and delete partner definitions in the cluster map, and
 * import or restore a whole set ({@link PartnerImport}). A definition is validated before anything
 * is written (its URL against {@code egress.allow} too); every node's entry listener applies it.
 */
public final class PartnerAdminHandler implements Handler<Message<Object>> {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerAdminHandler.class);

  /** The write-only secrets of a partner definition. */
  static final List<String> SECRETS = List.of("signing.key", "bridge.token");

  private final PartnerDefinitionStore store;
  private final PartnerUrlGuard urls;
  private final RateLimitedLogger failures;
  private final PartnerImport imports;

  public PartnerAdminHandler(PartnerDefinitionStore store, PartnerUrlGuard urls) {
    this.store = Objects.requireNonNull(store, "store");
    this.urls = Objects.requireNonNull(urls, "urls");
    this.imports = new PartnerImport(store, urls);
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
          } else if (ar.cause() instanceof BadRequest br) {
            message.fail(400, br.getMessage());
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
          if (!WriteOnlySecrets.masked(copy, SECRETS)) {
            return put(id, copy);
          }
          // the masked signing key of a get, sent back: keep the stored one
          return store
              .get(id)
              .compose(
                  json -> {
                    try {
                      return put(
                          id,
                          WriteOnlySecrets.keepStored(
                              copy, json == null ? null : new JsonObject(json), SECRETS));
                    } catch (IllegalArgumentException e) {
                      return Future.failedFuture(new BadRequest(e.getMessage()));
                    }
                  });
        }
      case "delete":
        {
          int id = id(f);
          return store
              .remove(id)
              .compose(json -> found(id, json))
              .map(json -> new JsonObject().put("deleted", id));
        }
      case "import":
        return imports.importAll(body);
      case "restore":
        return imports.restore(body);
      default:
        throw JsonFields.invalid("op", "must be one of list, get, put, delete, import, restore");
    }
  }

  private Future<JsonObject> put(int id, JsonObject json) {
    PartnerDefinition definition;
    try {
      definition = PartnerDefinition.fromJson(json);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new BadRequest(e.getMessage()));
    }
    if (definition.dpid() != id) {
      return Future.failedFuture(new BadRequest("dpid: must equal id " + id));
    }
    return urls.check(definition)
        .recover(e -> Future.failedFuture(new BadRequest(e.getMessage())))
        .compose(v -> store.all())
        .compose(
            all -> {
              // the realize step accepts the outcomes of at most this many partners
              if (!all.containsKey(id) && all.size() >= Limits.MAX_PARTNERS) {
                return Future.failedFuture(
                    new BadRequest(
                        "id: at most "
                            + Limits.MAX_PARTNERS
                            + " partners per cluster; delete one first"));
              }
              return store.put(definition).map(v -> masked(definition.toJson()));
            });
  }

  /** What an answer may show of a definition: its secrets masked. */
  static JsonObject masked(JsonObject definition) {
    return WriteOnlySecrets.mask(definition, SECRETS);
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
      return masked(PartnerDefinition.fromJsonString(json).toJson());
    } catch (IllegalArgumentException e) {
      return masked(new JsonObject(json));
    }
  }

  private static JsonObject items(Map<Integer, String> all) {
    JsonArray items = new JsonArray();
    all.values().forEach(json -> items.add(stored(json)));
    return new JsonObject().put("items", items);
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }
}
