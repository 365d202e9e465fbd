package io.rtdcs.dcs.http;

import io.rtdcs.common.Addresses;
import io.rtdcs.dcs.flow.BusClient;
import io.rtdcs.dcs.request.Identifiers;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The admin API ({@code kind}: partners, traits, segments, destinations, merge-rules): {@code GET
 * /admin/{kind}}, {@code GET|PUT|DELETE /admin/{kind}/{id}} and {@code GET /profiles/{uuid}}, each
 * translated to one {@code dcs.admin.*} / {@code dcs.profiles.get} request. Runs behind {@link
 * AdminAuth}. A PUT body is checked against its kind's schema ({@link DefinitionSchemas}) before it
 * is forwarded.
 */
public final class AdminHandler {
  static final int MAX_BODY_BYTES = 1 << 20;
  private static final Map<String, String> ADDRESSES =
      Map.of(
          "partners", Addresses.ADMIN_PARTNERS,
          "traits", Addresses.ADMIN_TRAITS,
          "segments", Addresses.ADMIN_SEGMENTS,
          "destinations", Addresses.ADMIN_DESTINATIONS,
          "merge-rules", Addresses.ADMIN_MERGE_RULES);

  /** Kinds whose ids start at 0: merge rule 0 is the default rule of every segment. */
  private static final Set<String> ZERO_ID_KINDS = Set.of("merge-rules");

  private static final Set<Integer> PASSED_CODES = Set.of(400, 401, 404, 409, 500, 503);

  private final BusClient bus;
  private final long timeoutMs;
  private final DefinitionSchemas schemas;

  public AdminHandler(BusClient bus, long timeoutMs, DefinitionSchemas schemas) {
    this.bus = Objects.requireNonNull(bus, "bus");
    this.timeoutMs = timeoutMs;
    this.schemas = Objects.requireNonNull(schemas, "schemas");
  }

  /** {@code GET /admin/:kind}. */
  public void list(RoutingContext ctx) {
    String address = ADDRESSES.get(ctx.pathParam("kind"));
    if (address == null) {
      error(ctx, 404, "not found");
      return;
    }
    forward(ctx, address, new JsonObject().put("op", "list"));
  }

  /** {@code GET|PUT|DELETE /admin/:kind/:id}. */
  public void item(RoutingContext ctx) {
    String address = ADDRESSES.get(ctx.pathParam("kind"));
    if (address == null) {
      error(ctx, 404, "not found");
      return;
    }
    boolean zeroAllowed = ZERO_ID_KINDS.contains(ctx.pathParam("kind"));
    Integer id =
        zeroAllowed ? nonNegativeInt(ctx.pathParam("id")) : positiveInt(ctx.pathParam("id"));
    if (id == null) {
      error(
          ctx,
          400,
          zeroAllowed ? "id: expected 0 or a positive integer" : "id: expected a positive integer");
      return;
    }
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.GET) {
      forward(ctx, address, new JsonObject().put("op", "get").put("id", id));
    } else if (method == HttpMethod.DELETE) {
      forward(ctx, address, new JsonObject().put("op", "delete").put("id", id));
    } else {
      BodyReader.read(ctx.request(), MAX_BODY_BYTES)
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  error(ctx, 413, "body: larger than " + MAX_BODY_BYTES + " bytes");
                  return;
                }
                JsonObject definition;
                try {
                  definition =
                      new JsonObject(
                          new String(ar.result(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (DecodeException | ClassCastException e) {
                  error(ctx, 400, "body: expected a JSON object");
                  return;
                }
                // the schema of /openapi.json: an unknown or misspelt field never reaches a store
                String problem = schemas.problem(ctx.pathParam("kind"), definition);
                if (problem != null) {
                  error(ctx, 400, problem);
                  return;
                }
                forward(
                    ctx,
                    address,
                    new JsonObject().put("op", "put").put("id", id).put("definition", definition));
              });
    }
  }

  /** {@code GET /profiles/:uuid}. */
  public void profile(RoutingContext ctx) {
    String uuid = ctx.pathParam("uuid");
    if (!Identifiers.isValidUuid(uuid)) {
      error(ctx, 400, "uuid: expected 38 digits");
      return;
    }
    forward(ctx, Addresses.PROFILE_GET, new JsonObject().put("uuid", uuid));
  }

  /** Longest declared ID accepted (as on /event). */
  private static final int MAX_DECLARED_ID_LENGTH = 512;

  /** {@code GET /profiles/by-declared-id/:dpid/:id}: a person's profile and merged views. */
  public void person(RoutingContext ctx) {
    int dpid;
    try {
      dpid = Integer.parseInt(ctx.pathParam("dpid"));
    } catch (NumberFormatException e) {
      dpid = 0;
    }
    if (dpid <= 0) {
      error(ctx, 400, "dpid: expected a positive integer");
      return;
    }
    String id = ctx.pathParam("id");
    if (id == null || id.isEmpty() || id.length() > MAX_DECLARED_ID_LENGTH) {
      error(ctx, 400, "id: expected 1 to " + MAX_DECLARED_ID_LENGTH + " characters");
      return;
    }
    forward(ctx, Addresses.PROFILE_GET, new JsonObject().put("dpid", dpid).put("dpuuid", id));
  }

  void forward(RoutingContext ctx, String address, JsonObject body) {
    Future<JsonObject> reply = bus.any(address, body, timeoutMs);
    reply.onComplete(
        ar -> {
          if (ar.succeeded()) {
            send(ctx, 200, ar.result());
          } else {
            failed(ctx, address, timeoutMs, ar.cause());
          }
        });
  }

  /** Answers the failure of a request to {@code address} with its contract code. */
  static void failed(RoutingContext ctx, String address, long timeoutMs, Throwable cause) {
    if (cause instanceof ReplyException re) {
      switch (re.failureType()) {
        case TIMEOUT -> error(ctx, 504, address + ": no answer in " + timeoutMs + " ms");
        case NO_HANDLERS -> error(ctx, 503, address + ": no verticle serves it");
        default ->
            error(
                ctx,
                PASSED_CODES.contains(re.failureCode()) ? re.failureCode() : 500,
                String.valueOf(re.getMessage()));
      }
    } else {
      error(ctx, 502, "invalid reply from " + address);
    }
  }

  static void error(RoutingContext ctx, int status, String message) {
    send(ctx, status, AdminAuth.body(message));
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.toBuffer());
  }

  static Integer positiveInt(String s) {
    Integer v = nonNegativeInt(s);
    return v == null || v == 0 ? null : v;
  }

  static Integer nonNegativeInt(String s) {
    if (s == null
        || s.isEmpty()
        || s.length() > 10
        || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    long v = Long.parseLong(s);
    return v > Integer.MAX_VALUE ? null : (int) v;
  }
}
