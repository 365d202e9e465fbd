package io.rtdcs.dcs.http;

import io.rtdcs.common.Addresses;
import io.rtdcs.dcs.flow.BusClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-bus side of an import (docs/event-bus.md): every item against its kind's schema, then
 * both owners validate the whole document (partner-verticle its partners, segment-verticle the rest
 * as one set); any invalid item and nothing is written. Then the partners are written, then the
 * rest; when a part fails its owner puts back what it wrote, and the partners are put back when the
 * later part fails. The partners' undo (stored secrets included) stays in memory for the length of
 * one import and is never logged.
 */
final class ImportCoordinator {
  private static final Logger LOG = LoggerFactory.getLogger(ImportCoordinator.class);

  /** Time the owners get to validate or write a whole document. */
  static final long MIN_TIMEOUT_MS = 60_000;

  private final BusClient bus;
  private final long timeoutMs;
  private final DefinitionSchemas schemas;

  ImportCoordinator(BusClient bus, long adminTimeoutMs, DefinitionSchemas schemas) {
    this.bus = Objects.requireNonNull(bus, "bus");
    this.timeoutMs = Math.max(MIN_TIMEOUT_MS, adminTimeoutMs);
    this.schemas = Objects.requireNonNull(schemas, "schemas");
  }

  long timeoutMs() {
    return timeoutMs;
  }

  /**
   * Every item against its kind's schema (as a PUT body is), then both owners' dry runs: every
   * error and every change.
   */
  Future<JsonObject> validate(JsonObject doc, boolean prune) {
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
          JsonArray items = doc.getJsonArray(kind, new JsonArray());
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

  /** Validates, then writes all or nothing: {@code errors} and {@code changes}. */
  Future<JsonObject> apply(JsonObject doc, boolean prune) {
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
                                  Throwable cause =
                                      ar.succeeded()
                                          ? new IllegalStateException(
                                              "definitions changed since the dry run")
                                          : ar.cause();
                                  return restorePartners(undo)
                                      .transform(
                                          restored -> {
                                            if (restored.failed()) {
                                              return Future.failedFuture(new Incomplete(cause));
                                            }
                                            return ar.succeeded()
                                                ? Future.succeededFuture(
                                                    merged(partners, ar.result()))
                                                : Future.failedFuture(cause);
                                          });
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
    if (doc.containsKey(DefinitionsDocument.OPTIONAL_KIND)) {
      request.put("mergeRules", doc.getJsonArray("mergeRules"));
    }
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

  /** A write failed and putting back the partners failed too. */
  static final class Incomplete extends RuntimeException {
    Incomplete(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
