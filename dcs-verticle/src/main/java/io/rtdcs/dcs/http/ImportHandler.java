package io.rtdcs.dcs.http;

import io.rtdcs.common.Addresses;
import io.rtdcs.dcs.flow.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/import[?dryRun=true][&prune=false]}: applies a {@link DefinitionsDocument} all
 * or nothing. Both owners validate the whole document first (partner-verticle its partners,
 * segment-verticle the rest, as one set); any invalid item and nothing is written, the answer names
 * every one. Then the partners are written, then the rest; when a part fails its owner puts back
 * what it wrote, and the partners are put back when the later part fails. One import at a time in
 * the cluster: a second one is refused with 409 while the first runs. Runs behind {@link
 * AdminAuth}.
 */
public final class ImportHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ImportHandler.class);

  /** Largest document accepted. */
  static final int MAX_BODY_BYTES = 16 << 20;

  /** The cluster-wide lock one import holds while it runs. */
  static final String LOCK = "rtdcs.admin.import";

  /** Time the owners get to validate or write a whole document. */
  static final long MIN_TIMEOUT_MS = 60_000;

  private final Vertx vertx;
  private final BusClient bus;
  private final long timeoutMs;
  private final DefinitionSchemas schemas;

  public ImportHandler(Vertx vertx, BusClient bus, long adminTimeoutMs, DefinitionSchemas schemas) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.timeoutMs = Math.max(MIN_TIMEOUT_MS, adminTimeoutMs);
    this.schemas = Objects.requireNonNull(schemas, "schemas");
  }

  @Override
  public void handle(RoutingContext ctx) {
    Boolean dryRun = flag(ctx, "dryRun", false);
    Boolean prune = flag(ctx, "prune", true);
    if (dryRun == null || prune == null) {
      AdminHandler.error(
          ctx, 400, (dryRun == null ? "dryRun" : "prune") + ": expected true or false");
      return;
    }
    BodyReader.read(ctx.request(), MAX_BODY_BYTES)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                AdminHandler.error(ctx, 413, "body: larger than " + MAX_BODY_BYTES + " bytes");
                return;
              }
              JsonObject doc;
              try {
                doc = new JsonObject(new String(ar.result(), StandardCharsets.UTF_8));
              } catch (DecodeException | ClassCastException e) {
                AdminHandler.error(ctx, 400, "body: expected a JSON object");
                return;
              }
              String problem = DefinitionsDocument.problem(doc);
              if (problem != null) {
                AdminHandler.error(ctx, 400, problem);
                return;
              }
              if (dryRun) {
                validate(doc, prune)
                    .onSuccess(v -> answer(ctx, v, true))
                    .onFailure(e -> failed(ctx, e));
              } else {
                applyLocked(ctx, doc, prune);
              }
            });
  }

  private void applyLocked(RoutingContext ctx, JsonObject doc, boolean prune) {
    vertx
        .sharedData()
        .getLockWithTimeout(LOCK, 100)
        .onFailure(
            e ->
                AdminHandler.error(
                    ctx, 409, "another import is running; send this one again when it is done"))
        .onSuccess(
            lock ->
                apply(doc, prune)
                    .onComplete(
                        ar -> {
                          lock.release();
                          if (ar.succeeded()) {
                            answer(ctx, ar.result(), false);
                          } else {
                            failed(ctx, ar.cause());
                          }
                        }));
  }

  /**
   * Every item against its kind's schema (as a PUT body is), then both owners' dry runs: every
   * error and every change.
   */
  private Future<JsonObject> validate(JsonObject doc, boolean prune) {
    JsonArray schemaErrors = schemaErrors(doc);
    Future<JsonObject> partners = partners(doc, prune, true);
    Future<JsonObject> rest = definitions(doc, prune, true);
    return Future.all(partners, rest)
        .map(
            v -> {
              JsonObject merged = merged(partners.result(), rest.result());
              JsonArray errors = schemaErrors.copy();
              merged.getJsonArray("errors").forEach(errors::add);
              return merged.put("errors", errors);
            });
  }

  private JsonArray schemaErrors(JsonObject doc) {
    JsonArray errors = new JsonArray();
    DefinitionsDocument.ID_FIELDS.forEach(
        (kind, idField) -> {
          JsonArray items = doc.getJsonArray(kind);
          for (int i = 0; i < items.size(); i++) {
            if (items.getValue(i) instanceof JsonObject item) {
              String problem = schemas.problem(kind, item);
              if (problem != null) {
                errors.add(
                    new JsonObject()
                        .put("kind", kind)
                        .put("id", item.getValue(idField) instanceof Integer id ? id : null)
                        .put("index", i)
                        .put("message", problem));
              }
            }
          }
        });
    return errors;
  }

  private Future<JsonObject> apply(JsonObject doc, boolean prune) {
    return validate(doc, prune)
        .compose(
            checked -> {
              if (!checked.getJsonArray("errors").isEmpty()) {
                return Future.succeededFuture(checked);
              }
              return partners(doc, prune, false)
                  .compose(
                      partners -> {
                        if (!partners.getJsonArray("errors").isEmpty()) {
                          // changed since the dry run, by a PUT: nothing was written
                          return Future.succeededFuture(merged(partners, checked));
                        }
                        JsonArray undo = partners.getJsonArray("undo", new JsonArray());
                        partners.remove("undo");
                        return definitions(doc, prune, false)
                            .transform(
                                ar -> {
                                  if (ar.succeeded()
                                      && ar.result().getJsonArray("errors").isEmpty()) {
                                    ar.result().remove("undo");
                                    return Future.succeededFuture(merged(partners, ar.result()));
                                  }
                                  return restorePartners(undo)
                                      .transform(
                                          restored ->
                                              ar.succeeded()
                                                  ? Future.succeededFuture(
                                                      merged(partners, ar.result()))
                                                  : Future.failedFuture(
                                                      restored.succeeded()
                                                          ? ar.cause()
                                                          : new Incomplete(ar.cause())));
                                });
                      });
            });
  }

  private Future<JsonObject> restorePartners(JsonArray undo) {
    if (undo.isEmpty()) {
      return Future.succeededFuture(new JsonObject());
    }
    return bus.any(
            Addresses.ADMIN_PARTNERS,
            new JsonObject().put("op", "restore").put("undo", undo),
            timeoutMs)
        .onFailure(
            e ->
                LOG.error(
                    "import: the partners written could not be put back ({}); export and import"
                        + " again",
                    e.getMessage()));
  }

  private Future<JsonObject> partners(JsonObject doc, boolean prune, boolean dryRun) {
    JsonObject request =
        new JsonObject()
            .put("op", "import")
            .put("definitions", doc.getJsonArray("partners"))
            .put("prune", prune)
            .put("dryRun", dryRun);
    return bus.any(Addresses.ADMIN_PARTNERS, request, timeoutMs);
  }

  private Future<JsonObject> definitions(JsonObject doc, boolean prune, boolean dryRun) {
    JsonObject request =
        new JsonObject()
            .put("op", "import")
            .put("traits", doc.getJsonArray("traits"))
            .put("segments", doc.getJsonArray("segments"))
            .put("destinations", doc.getJsonArray("destinations"))
            .put("prune", prune)
            .put("dryRun", dryRun);
    return bus.any(Addresses.ADMIN_DEFINITIONS, request, timeoutMs);
  }

  /** The errors and changes of the partners' reply and the others', in document order. */
  private static JsonObject merged(JsonObject partners, JsonObject rest) {
    JsonArray errors = new JsonArray();
    partners.getJsonArray("errors", new JsonArray()).forEach(errors::add);
    rest.getJsonArray("errors", new JsonArray()).forEach(errors::add);
    JsonObject changes = new JsonObject();
    JsonObject p = partners.getJsonObject("changes", new JsonObject());
    JsonObject r = rest.getJsonObject("changes", new JsonObject());
    for (String kind : DefinitionsDocument.ID_FIELDS.keySet()) {
      JsonObject c = p.containsKey(kind) ? p.getJsonObject(kind) : r.getJsonObject(kind);
      if (c != null) {
        changes.put(kind, c);
      }
    }
    return new JsonObject().put("errors", errors).put("changes", changes);
  }

  private static void answer(RoutingContext ctx, JsonObject result, boolean dryRun) {
    JsonArray errors = result.getJsonArray("errors");
    if (!errors.isEmpty()) {
      AdminHandler.send(
          ctx,
          400,
          new JsonObject()
              .put(
                  "error",
                  errors.size()
                      + " invalid definition"
                      + (errors.size() == 1 ? "" : "s")
                      + ": nothing was changed")
              .put("errors", errors));
      return;
    }
    AdminHandler.send(
        ctx,
        200,
        new JsonObject()
            .put("dryRun", dryRun)
            .put("applied", !dryRun)
            .put("changes", result.getJsonObject("changes")));
  }

  private void failed(RoutingContext ctx, Throwable cause) {
    if (cause instanceof Incomplete incomplete) {
      AdminHandler.error(
          ctx,
          500,
          "the import failed ("
              + incomplete.getCause().getMessage()
              + ") and the partners it wrote could not all be put back: export to see the"
              + " definitions and send the import again");
      return;
    }
    if (cause instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT) {
      AdminHandler.error(
          ctx,
          504,
          "no answer in "
              + timeoutMs
              + " ms: the import may be partly applied; export to see the definitions and send"
              + " the import again");
      return;
    }
    AdminHandler.failed(ctx, "import", timeoutMs, cause);
  }

  /** {@code ?name=true|false}, the default when absent, null when anything else. */
  private static Boolean flag(RoutingContext ctx, String name, boolean dflt) {
    String value = ctx.request().getParam(name);
    if (value == null) {
      return dflt;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> null;
    };
  }

  /** A write failed and putting back the partners failed too. */
  private static final class Incomplete extends RuntimeException {
    Incomplete(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
