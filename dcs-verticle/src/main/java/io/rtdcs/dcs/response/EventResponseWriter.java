package io.rtdcs.dcs.response;

import io.rtdcs.dcs.request.EventRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the AAM-style answer of /event (JSON, JSONP or pixel) and the error answers of /ibs and
 * opt-out. Plain Java: no Vertx instance needed.
 */
public final class EventResponseWriter {
  public static final String JSON = "application/json";
  public static final String JAVASCRIPT = "application/javascript";

  private final int region;

  public EventResponseWriter(int region) {
    this.region = region;
  }

  /** A malformed call: its status (200, 413 or 414), JSON with {@code tid}, region and errors. */
  public HttpAnswer rejected(EventRequest request, String tid) {
    JsonObject body = new JsonObject().put("dcs_region", region).put("tid", tid);
    body.put("errors", errorsJson(request.errors()));
    return new HttpAnswer(
        request.status(), JSON, body.toBuffer(), codes(request.errors()), null, null);
  }

  /**
   * A call refused past capacity (429, error 203): nothing was read, stored or sent; the caller
   * sets {@code Retry-After}.
   */
  public HttpAnswer overloaded(String tid, long retryAfterSeconds) {
    List<AamError> errors =
        List.of(
            new AamError(
                AamError.OVERLOADED,
                "node overloaded: call not processed, retry after " + retryAfterSeconds + " s"));
    JsonObject body =
        new JsonObject()
            .put("dcs_region", region)
            .put("tid", tid)
            .put("errors", errorsJson(errors));
    return new HttpAnswer(429, JSON, body.toBuffer(), codes(errors), null, null);
  }

  /** The answer of an accepted call. */
  public HttpAnswer answer(EventRequest request, EventResult result, String tid) {
    List<Integer> codes = codes(result.errors());
    String cookie = result.setCookie() && !result.optedOut() ? result.uuid() : null;
    if (!request.json()) {
      return new HttpAnswer(200, Pixel.CONTENT_TYPE, Pixel.buffer(), codes, cookie, null);
    }
    JsonObject body = body(request, result, tid);
    if (request.callback() != null) {
      Buffer js = Buffer.buffer(request.callback().length() + 64);
      js.appendString("/**/").appendString(request.callback()).appendString("(");
      js.appendBuffer(body.toBuffer()).appendString(");");
      return new HttpAnswer(200, JAVASCRIPT, js, codes, cookie, null);
    }
    return new HttpAnswer(200, JSON, body.toBuffer(), codes, cookie, null);
  }

  JsonObject body(EventRequest request, EventResult result, String tid) {
    JsonObject body = new JsonObject();
    if (!result.optedOut()) {
      body.put("stuff", orEmpty(result.stuff()));
      if (request.urlDestinations()) {
        body.put("dests", orEmpty(result.dests()));
      }
      if (request.ibs()) {
        body.put("ibs", orEmpty(result.ibs()));
      }
    }
    if (result.uuid() != null) {
      body.put("uuid", result.uuid());
    }
    body.put("dcs_region", region).put("tid", tid);
    if (!result.optedOut()) {
      if (result.traits() != null) {
        body.put("traits", result.traits());
      }
      if (result.segments() != null) {
        body.put("segments", result.segments());
      }
    }
    if (!result.errors().isEmpty()) {
      body.put("errors", errorsJson(result.errors()));
    }
    if (result.partners() != null) {
      body.put("partners", result.partners());
    }
    return body;
  }

  /** A pixel, with the given errors in {@code X-Error} (for /ibs and /demoptout.jpg). */
  public HttpAnswer pixel(int status, List<AamError> errors, String cookieUuid) {
    return new HttpAnswer(
        status, Pixel.CONTENT_TYPE, Pixel.buffer(), codes(errors), cookieUuid, null);
  }

  /** A 302 to {@code location} (for /ibs with an allowed {@code redir}). */
  public HttpAnswer redirect(String location, String cookieUuid) {
    return new HttpAnswer(302, null, Buffer.buffer(), List.of(), cookieUuid, location);
  }

  public static JsonArray errorsJson(List<AamError> errors) {
    JsonArray out = new JsonArray();
    for (AamError e : errors) {
      out.add(e.toJson());
    }
    return out;
  }

  private static List<Integer> codes(List<AamError> errors) {
    List<Integer> out = new ArrayList<>(errors.size());
    for (AamError e : errors) {
      if (!out.contains(e.code())) {
        out.add(e.code());
      }
    }
    return out;
  }

  private static JsonArray orEmpty(JsonArray a) {
    return a == null ? new JsonArray() : a;
  }
}
