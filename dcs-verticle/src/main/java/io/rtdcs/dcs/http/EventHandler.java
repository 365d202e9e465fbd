package io.rtdcs.dcs.http;

import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.dcs.flow.EventService;
import io.rtdcs.dcs.load.Admission;
import io.rtdcs.dcs.load.AdmissionControl;
import io.rtdcs.dcs.request.EventRequest;
import io.rtdcs.dcs.request.EventRequestParser;
import io.rtdcs.dcs.request.Identifiers;
import io.rtdcs.dcs.request.RawCall;
import io.rtdcs.dcs.response.AamError;
import io.rtdcs.dcs.response.EventResponseWriter;
import io.rtdcs.dcs.response.EventResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|POST /event}: admit (or refuse at once, 429), read, parse, run the flow as far as the
 * admission allows, answer.
 */
public final class EventHandler implements Handler<RoutingContext> {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(EventHandler.class), 5_000);
  private static final List<String> HEADERS =
      List.of(
          "user-agent", "referer", "accept-language", "host", "x-forwarded-proto", "authorization");

  private final EventRequestParser parser;
  private final EventService service;
  private final EventResponseWriter writer;
  private final AnswerSender sender;
  private final Identifiers ids;
  private final String cookieName;
  private final int maxPostBytes;
  private final AdmissionControl admission;
  private final WarmupCalls warmups;

  public EventHandler(
      EventRequestParser parser,
      EventService service,
      EventResponseWriter writer,
      AnswerSender sender,
      Identifiers ids,
      String cookieName,
      int maxPostBytes,
      AdmissionControl admission,
      WarmupCalls warmups) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.service = Objects.requireNonNull(service, "service");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
    this.maxPostBytes = maxPostBytes;
    this.admission = Objects.requireNonNull(admission, "admission");
    this.warmups = Objects.requireNonNull(warmups, "warmups");
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String tid = ids.newTid();
    boolean warmup = warmups.isWarmup(request.getHeader(WarmupCalls.HEADER));
    long admittedAt = System.nanoTime();
    Admission level = warmup ? Admission.FULL : admission.admit();
    if (level == Admission.REFUSED) {
      // before reading anything: a refusal must cost as little as possible
      ctx.response().putHeader("Retry-After", Long.toString(admission.retryAfterSeconds()));
      if (request.method() == HttpMethod.POST) {
        ctx.response().putHeader("Connection", "close");
      }
      sender.send(ctx.response(), writer.overloaded(tid, admission.retryAfterSeconds()));
      return;
    }
    Future<byte[]> body =
        request.method() == HttpMethod.POST
            ? BodyReader.read(request, maxPostBytes)
            : Future.succeededFuture(null);
    body.map(bytes -> parser.parse(rawCall(request, bytes)))
        .recover(failure -> Future.succeededFuture(unreadBody(failure)))
        .compose(
            parsed ->
                parsed.rejected()
                    ? Future.succeededFuture(writer.rejected(parsed, tid))
                    : service
                        .handle(parsed, tid, level, warmup)
                        .otherwise(failure -> unexpected(tid, failure))
                        .map(result -> writer.answer(parsed, result, tid)))
        .onComplete(
            ar -> {
              if (!warmup) {
                admission.answered(level, admittedAt);
              }
              if (ar.succeeded()) {
                if (ar.result().status() == 413) {
                  ctx.response().putHeader("Connection", "close");
                }
                sender.send(ctx.response(), ar.result());
              } else {
                LOG.warn("tid {}: /event failed: {}", tid, ar.cause().toString());
                ctx.fail(500);
              }
            });
  }

  private EventRequest unreadBody(Throwable failure) {
    return failure instanceof BodyReader.TooLarge ? parser.bodyTooLarge() : parser.unreadable();
  }

  private static EventResult unexpected(String tid, Throwable failure) {
    LOG.warn("tid {}: /event flow failed: {}", tid, failure.toString());
    return EventResult.withoutData(
        null, false, false, List.of(new AamError(AamError.UNSPECIFIED, "internal error")));
  }

  private RawCall rawCall(HttpServerRequest request, byte[] body) {
    Map<String, String> headers = new HashMap<>(8);
    for (String name : HEADERS) {
      String value = request.getHeader(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    Cookie cookie = request.getCookie(cookieName);
    return new RawCall(
        request.method().name(),
        request.uri(),
        body,
        request.getHeader("Content-Type"),
        headers,
        cookie == null ? null : cookie.getValue(),
        request.scheme());
  }
}
