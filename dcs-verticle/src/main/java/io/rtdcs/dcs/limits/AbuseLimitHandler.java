package io.rtdcs.dcs.limits;

import io.github.bucket4j.ConsumptionProbe;
import io.rtdcs.dcs.http.AnswerSender;
import io.rtdcs.dcs.request.BadEncodingException;
import io.rtdcs.dcs.request.FormDecoder;
import io.rtdcs.dcs.request.Identifiers;
import io.rtdcs.dcs.response.AamError;
import io.rtdcs.dcs.response.EventResponseWriter;
import io.rtdcs.dcs.response.HttpAnswer;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;

/**
 * First handler of {@code /event} and {@code /ibs}: takes a token of the client's bucket (429 with
 * {@code Retry-After} when it is empty) and refuses deny-listed visitor ids (error 306, nothing
 * processed, no cookie). Other paths pass untouched.
 */
public final class AbuseLimitHandler implements Handler<RoutingContext> {
  private final AbuseLimits limits;
  private final LimitsOptions options;
  private final ClientAddress clients;
  private final EventResponseWriter writer;
  private final AnswerSender sender;
  private final Identifiers ids;
  private final String cookieName;
  private final int region;

  public AbuseLimitHandler(
      AbuseLimits limits,
      LimitsOptions options,
      ClientAddress clients,
      EventResponseWriter writer,
      AnswerSender sender,
      Identifiers ids,
      String cookieName,
      int region) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.options = Objects.requireNonNull(options, "options");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
    this.region = region;
  }

  /** True for the paths the limits apply to. */
  public static boolean applies(String path) {
    return path != null
        && (path.equals("/event") || path.equals("/ibs") || path.startsWith("/ibs:"));
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!applies(request.path())) {
      ctx.next();
      return;
    }
    String visitor = visitorId(request);
    if (options.enabled()) {
      String key =
          options.byUuid() && visitor != null ? "u:" + visitor : "a:" + clients.of(request);
      ConsumptionProbe probe = limits.buckets().take(key);
      if (!probe.isConsumed()) {
        limits.counters().countRateLimited();
        long seconds =
            Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        ctx.response()
            .setStatusCode(429)
            .putHeader("Retry-After", Long.toString(seconds))
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .end(new JsonObject().put("error", "too many requests").toBuffer());
        return;
      }
    }
    if (visitor != null && limits.denyList() != null && limits.denyList().seen(visitor)) {
      sender.send(ctx.response(), denied(request.path()));
      return;
    }
    ctx.next();
  }

  private HttpAnswer denied(String path) {
    List<AamError> errors =
        List.of(new AamError(AamError.DENY_LISTED_DEVICE, "visitor id is deny-listed"));
    if (!path.equals("/event")) {
      return writer.pixel(200, errors, null);
    }
    JsonObject body =
        new JsonObject()
            .put("dcs_region", region)
            .put("tid", ids.newTid())
            .put("errors", new JsonArray().add(errors.get(0).toJson()));
    return new HttpAnswer(
        200,
        EventResponseWriter.JSON,
        body.toBuffer(),
        List.of(AamError.DENY_LISTED_DEVICE),
        null,
        null);
  }

  /** The visitor cookie, else {@code d_uuid} of the query string, when it is a valid uuid. */
  private String visitorId(HttpServerRequest request) {
    Cookie cookie = request.getCookie(cookieName);
    if (cookie != null && Identifiers.isValidUuid(cookie.getValue())) {
      return cookie.getValue();
    }
    String query = request.query();
    if (query == null || !query.contains("d_uuid=")) {
      return null;
    }
    try {
      // the one value, not the request's whole parameter map (4 % of a node's allocation)
      String param = FormDecoder.first(query, "d_uuid");
      return Identifiers.isValidUuid(param) ? param : null;
    } catch (BadEncodingException | RuntimeException e) {
      return null;
    }
  }
}
