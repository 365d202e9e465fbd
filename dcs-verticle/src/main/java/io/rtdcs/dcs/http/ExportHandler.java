package io.rtdcs.dcs.http;

import io.rtdcs.dcs.flow.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /admin/export}: every definition as one {@link DefinitionsDocument}, from the four
 * admin lists (secrets masked as those show them). Runs behind {@link AdminAuth}.
 */
public final class ExportHandler implements Handler<RoutingContext> {
  private final BusClient bus;
  private final long timeoutMs;

  public ExportHandler(BusClient bus, long timeoutMs) {
    this.bus = Objects.requireNonNull(bus, "bus");
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Map<String, Future<JsonObject>> lists = new LinkedHashMap<>();
    for (String kind : DefinitionsDocument.ID_FIELDS.keySet()) {
      lists.put(
          kind,
          bus.any(
              DefinitionsDocument.ADDRESSES.get(kind),
              new JsonObject().put("op", "list"),
              timeoutMs));
    }
    Future.join(java.util.List.copyOf(lists.values()))
        .onComplete(
            ar -> {
              Map<String, JsonArray> items = new LinkedHashMap<>();
              for (Map.Entry<String, Future<JsonObject>> e : lists.entrySet()) {
                Future<JsonObject> list = e.getValue();
                JsonArray array = list.succeeded() ? list.result().getJsonArray("items") : null;
                if (array == null) {
                  AdminHandler.failed(
                      ctx,
                      DefinitionsDocument.ADDRESSES.get(e.getKey()),
                      timeoutMs,
                      list.failed() ? list.cause() : new IllegalStateException("no items"));
                  return;
                }
                items.put(e.getKey(), array);
              }
              if (ctx.response().ended() || ctx.response().closed()) {
                return;
              }
              ctx.response()
                  .setStatusCode(200)
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                  .end(DefinitionsDocument.of(items).encodePrettily() + "\n");
            });
  }
}
