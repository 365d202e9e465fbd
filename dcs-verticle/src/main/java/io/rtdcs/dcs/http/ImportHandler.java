package io.rtdcs.dcs.http;

import io.rtdcs.dcs.flow.BusClient;
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

/**
 * {@code POST /admin/import[?dryRun=true][&prune=false]}: reads and checks the shape of a {@link
 * DefinitionsDocument}, has {@link ImportCoordinator} validate or apply it, and answers. One import
 * at a time in the cluster ({@link ImportLease}): a second one is refused with 409 while the first
 * is written (a dry run takes no lease). Runs behind {@link AdminAuth}.
 */
public final class ImportHandler implements Handler<RoutingContext> {
  /** Largest document accepted. */
  static final int MAX_BODY_BYTES = 16 << 20;

  /**
   * How many requests an import makes one after the other at most (validate and apply on each
   * owner, a restore): its lease lives that many request timeouts.
   */
  static final int MAX_SEQUENTIAL_REQUESTS = 5;

  private final ImportLease lease;
  private final ImportCoordinator coordinator;
  private final long timeoutMs;

  public ImportHandler(Vertx vertx, BusClient bus, long adminTimeoutMs, DefinitionSchemas schemas) {
    Objects.requireNonNull(vertx, "vertx");
    this.coordinator = new ImportCoordinator(bus, adminTimeoutMs, schemas);
    this.timeoutMs = coordinator.timeoutMs();
    this.lease = new ImportLease(vertx, MAX_SEQUENTIAL_REQUESTS * timeoutMs);
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
                coordinator
                    .validate(doc, prune)
                    .onSuccess(v -> answer(ctx, v, true))
                    .onFailure(e -> failed(ctx, e));
              } else {
                applyLocked(ctx, doc, prune);
              }
            });
  }

  private void applyLocked(RoutingContext ctx, JsonObject doc, boolean prune) {
    lease
        .tryAcquire()
        .onFailure(e -> failed(ctx, e))
        .onSuccess(
            token -> {
              if (token == null) {
                AdminHandler.error(
                    ctx, 409, "another import is running; send this one again when it is done");
                return;
              }
              coordinator
                  .apply(doc, prune)
                  .onComplete(
                      ar -> {
                        lease.release(token);
                        if (ar.succeeded()) {
                          answer(ctx, ar.result(), false);
                        } else {
                          failed(ctx, ar.cause());
                        }
                      });
            });
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
    if (cause instanceof ImportCoordinator.Incomplete incomplete) {
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
}
