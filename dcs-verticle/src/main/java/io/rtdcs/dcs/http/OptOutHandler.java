package io.rtdcs.dcs.http;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.contract.DeclaredIdentity;
import io.rtdcs.dcs.flow.BusClient;
import io.rtdcs.dcs.request.BadEncodingException;
import io.rtdcs.dcs.request.DeclaredIdCollector;
import io.rtdcs.dcs.request.DeclaredIdProof;
import io.rtdcs.dcs.request.FormDecoder;
import io.rtdcs.dcs.request.Identifiers;
import io.rtdcs.dcs.response.AamError;
import io.rtdcs.dcs.response.EventResponseWriter;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * {@code /demoptout.jpg}: opts out the visitor named by the cookie, {@code d_uuid}, {@code d_cid}
 * or {@code d_cid_ic}; answers a pixel (503 when the opt-out could not be recorded, so the caller
 * retries).
 */
public final class OptOutHandler implements Handler<RoutingContext> {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(OptOutHandler.class), 5_000);

  private final BusClient bus;
  private final EventResponseWriter writer;
  private final AnswerSender sender;
  private final Identifiers ids;
  private final String cookieName;
  private final long timeoutMs;
  private final int maxGetBytes;

  private final DeclaredIdProof proof;

  public OptOutHandler(
      BusClient bus,
      EventResponseWriter writer,
      AnswerSender sender,
      Identifiers ids,
      String cookieName,
      long timeoutMs,
      int maxGetBytes,
      DeclaredIdProof proof) {
    this.bus = Objects.requireNonNull(bus, "bus");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
    this.timeoutMs = timeoutMs;
    this.maxGetBytes = maxGetBytes;
    this.proof = Objects.requireNonNull(proof, "proof");
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    List<AamError> errors = new ArrayList<>();
    if (request.uri().length() > maxGetBytes) {
      errors.add(new AamError(AamError.UNSPECIFIED, "URI too long"));
      sender.send(ctx.response(), writer.pixel(414, errors, null));
      return;
    }
    Map<String, List<String>> params;
    try {
      String query = request.query();
      params = FormDecoder.decodeAll(query == null ? "" : query);
    } catch (BadEncodingException e) {
      errors.add(new AamError(AamError.BAD_ENCODING, "bad encoding; request ignored"));
      sender.send(ctx.response(), writer.pixel(200, errors, null));
      return;
    }
    String uuid = null;
    Cookie cookie = request.getCookie(cookieName);
    if (cookie != null && Identifiers.isValidUuid(cookie.getValue())) {
      uuid = cookie.getValue();
    }
    String param = IbsHandler.first(params, "d_uuid");
    if (param != null) {
      if (Identifiers.isValidUuid(param)) {
        uuid = uuid == null ? param : uuid;
      } else {
        errors.add(new AamError(AamError.INVALID_UUID, "d_uuid: expected 38 digits; ignored"));
      }
    }
    DeclaredIdCollector collector = new DeclaredIdCollector(errors);
    params.getOrDefault("d_cid", List.of()).forEach(collector::addCid);
    params.getOrDefault("d_cid_ic", List.of()).forEach(collector::addCidIc);
    // an opt-out by declared ID only from a caller that proves the ID (docs/privacy.md):
    // otherwise anyone could opt anyone out; an unproven ID opts out only the caller's own cookie
    List<DeclaredIdentity> declared = new ArrayList<>();
    for (DeclaredIdentity d :
        proof.mark(
            collector.accepted(),
            params.getOrDefault("d_cid_sig", List.of()),
            request.getHeader("Authorization"))) {
      if (d.proven()) {
        declared.add(d);
      } else {
        errors.add(
            new AamError(
                AamError.INVALID_CUSTOMER_ID,
                "declared id of dpid "
                    + d.dpid()
                    + " not proven (d_cid_sig): it opts nobody out; the caller's own cookie does"));
      }
    }
    if (uuid == null && declared.isEmpty()) {
      errors.add(new AamError(AamError.UNSPECIFIED, "no visitor id to opt out"));
      sender.send(ctx.response(), writer.pixel(200, errors, null));
      return;
    }
    JsonArray declaredJson = new JsonArray();
    declared.forEach(d -> declaredJson.add(d.toJson()));
    String tid = ids.newTid();
    JsonObject body =
        new JsonObject()
            .put("tid", tid)
            .put("timeoutMs", timeoutMs)
            .put("uuid", uuid)
            .put("declaredIds", declaredJson);
    bus.segment(Addresses.PROFILE_OPTOUT, body, timeoutMs)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                sender.send(ctx.response(), writer.pixel(200, errors, null));
              } else {
                LOG.warn("tid {}: opt-out failed: {}", tid, ar.cause().getMessage());
                errors.add(new AamError(AamError.UNSPECIFIED, "opt-out not recorded; retry"));
                sender.send(ctx.response(), writer.pixel(503, errors, null));
              }
            });
  }
}
