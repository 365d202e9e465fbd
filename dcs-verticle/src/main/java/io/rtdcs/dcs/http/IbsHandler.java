package io.rtdcs.dcs.http;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.Deadline;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.contract.DeclaredIdentity;
import io.rtdcs.dcs.consent.ConsentPolicy;
import io.rtdcs.dcs.flow.BusClient;
import io.rtdcs.dcs.request.BadEncodingException;
import io.rtdcs.dcs.request.DeclaredIdCollector;
import io.rtdcs.dcs.request.FormDecoder;
import io.rtdcs.dcs.request.Identifiers;
import io.rtdcs.dcs.response.AamError;
import io.rtdcs.dcs.response.EventResponseWriter;
import io.rtdcs.dcs.response.HttpAnswer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Inbound ID sync: {@code /ibs:dpid=D&dpuuid=U[&redir=URL]} (AAM's colon form; {@code /ibs?} too)
 * and {@code /ibs:d_cid=D%01U}. Records the mapping, then redirects to {@code redir} (with {@code
 * ${DD_UUID}} replaced) when that partner allows the host, else answers a pixel.
 */
public final class IbsHandler implements Handler<RoutingContext> {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(IbsHandler.class), 5_000);
  static final String MACRO = "${DD_UUID}";

  private final BusClient bus;
  private final EventResponseWriter writer;
  private final AnswerSender sender;
  private final Identifiers ids;
  private final Clock clock;
  private final String cookieName;
  private final long budgetMs;
  private final int maxGetBytes;
  private final ConsentPolicy consent;

  public IbsHandler(
      BusClient bus,
      EventResponseWriter writer,
      AnswerSender sender,
      Identifiers ids,
      Clock clock,
      String cookieName,
      long budgetMs,
      int maxGetBytes) {
    this(
        bus,
        writer,
        sender,
        ids,
        clock,
        cookieName,
        budgetMs,
        maxGetBytes,
        ConsentPolicy.CHECK_PURPOSES_ONLY);
  }

  public IbsHandler(
      BusClient bus,
      EventResponseWriter writer,
      AnswerSender sender,
      Identifiers ids,
      Clock clock,
      String cookieName,
      long budgetMs,
      int maxGetBytes,
      ConsentPolicy consent) {
    this.consent = Objects.requireNonNull(consent, "consent");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
    this.budgetMs = budgetMs;
    this.maxGetBytes = maxGetBytes;
  }

  /** True for the paths this handler serves: {@code /ibs}, {@code /ibs:...}. */
  public static boolean matches(String path) {
    return path.equals("/ibs") || path.startsWith("/ibs:");
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String uri = request.uri();
    if (uri.length() > maxGetBytes) {
      sender.send(
          ctx.response(),
          writer.pixel(414, List.of(new AamError(AamError.UNSPECIFIED, "URI too long")), null));
      return;
    }
    List<AamError> errors = new ArrayList<>();
    Map<String, List<String>> params;
    try {
      params = FormDecoder.decodeAll(uri.length() > 4 ? uri.substring(5) : "");
    } catch (BadEncodingException e) {
      sender.send(
          ctx.response(),
          writer.pixel(200, List.of(new AamError(AamError.BAD_ENCODING, "bad encoding")), null));
      return;
    }
    AamError refused = consent.check(first(params, "gdpr"), first(params, "gdpr_consent"));
    if (refused != null) {
      sender.send(ctx.response(), writer.pixel(200, List.of(refused), null));
      return;
    }
    DeclaredIdCollector collector = new DeclaredIdCollector(errors);
    String dpid = first(params, "dpid");
    String dpuuid = first(params, "dpuuid");
    if (dpid != null && dpuuid != null) {
      collector.addPair(dpid, dpuuid);
    } else if (first(params, "d_cid") != null) {
      collector.addCid(first(params, "d_cid"));
    } else {
      errors.add(
          new AamError(AamError.INVALID_CUSTOMER_ID, "dpid and dpuuid (or d_cid) are required"));
    }
    List<DeclaredIdentity> declared = collector.accepted();
    String uuid = visitorUuid(request, params, errors);
    boolean minted = uuid == null;
    String visitor = minted ? ids.newUuid() : uuid;
    if (declared.isEmpty()) {
      sender.send(ctx.response(), writer.pixel(200, errors, null));
      return;
    }
    DeclaredIdentity id = declared.get(0);
    String redir = first(params, "redir");
    Deadline deadline = Deadline.in(clock, budgetMs);
    String tid = ids.newTid();
    JsonObject sync =
        new JsonObject()
            .put("tid", tid)
            .put("timeoutMs", deadline.remaining())
            .put("uuid", visitor)
            .put("dpid", id.dpid())
            .put("dpuuid", id.dpuuid());
    bus.segment(Addresses.ID_SYNC, sync, deadline.remaining())
        .compose(
            reply -> {
              if (Boolean.TRUE.equals(reply.getValue("optedOut"))) {
                errors.add(new AamError(AamError.OPTED_OUT, "visitor is opted out"));
                return Future.succeededFuture(writer.pixel(200, errors, null));
              }
              if (redir == null) {
                return Future.succeededFuture(writer.pixel(200, errors, visitor));
              }
              return redirect(id.dpid(), redir, visitor, errors, deadline);
            },
            failure -> {
              LOG.warn("tid {}: id sync failed: {}", tid, failure.getMessage());
              errors.add(new AamError(AamError.UNSPECIFIED, "ID sync not recorded"));
              return Future.succeededFuture(writer.pixel(200, errors, null));
            })
        .onSuccess(answer -> sender.send(ctx.response(), answer));
  }

  private Future<HttpAnswer> redirect(
      int dpid, String redir, String visitor, List<AamError> errors, Deadline deadline) {
    JsonObject ask = new JsonObject().put("dpid", dpid).put("redir", redir);
    return bus.partner(Addresses.PARTNER_SYNC_POLICY, ask, deadline.remaining())
        .map(reply -> Boolean.TRUE.equals(reply.getValue("allowed")))
        .otherwise(false)
        .map(
            allowed -> {
              if (allowed) {
                return writer.redirect(redir.replace(MACRO, visitor), visitor);
              }
              errors.add(
                  new AamError(
                      AamError.UNSPECIFIED,
                      "redir not allowed for dpid " + dpid + "; no redirect"));
              return writer.pixel(200, errors, visitor);
            });
  }

  private String visitorUuid(
      HttpServerRequest request, Map<String, List<String>> params, List<AamError> errors) {
    Cookie cookie = request.getCookie(cookieName);
    String fromParam = first(params, "d_uuid");
    if (fromParam != null && !Identifiers.isValidUuid(fromParam)) {
      errors.add(new AamError(AamError.INVALID_UUID, "d_uuid: expected 38 digits; ignored"));
      fromParam = null;
    }
    if (cookie != null && Identifiers.isValidUuid(cookie.getValue())) {
      return cookie.getValue();
    }
    return fromParam;
  }

  static String first(Map<String, List<String>> params, String key) {
    List<String> v = params.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
