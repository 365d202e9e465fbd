package io.rtdcs.partner.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stub data partner speaking the lookup protocol (docs/partners.md) on {@code /lookup} (POST JSON
 * or GET {@code ?uuid=&c_category=}), with programmable latency and faults: config keys of {@link
 * DemoPartnerOptions}, changeable live with {@code PUT /control} (JSON), read with {@code GET
 * /control} (also returns the lookup and sync counts). Also {@code /sync?aam=<uuid>} (ID sync:
 * redirects to rtdcs's {@code /ibs}) and {@code /pixel} (a 1x1 GIF, for URL destinations).
 */
public class DemoPartnerVerticle extends VerticleBase {
  private static final long SLOW_BODY_INTERVAL_MS = 50;
  private static final byte[] PIXEL =
      java.util.Base64.getDecoder()
          .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private volatile DemoPartnerOptions options;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private HttpServer server;

  @Override
  public Future<?> start() {
    try {
      options = new DemoPartnerOptions(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(options.getPort(), options.getHost());
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/control")) {
      control(request);
    } else if (path.equals("/sync")) {
      sync(request);
    } else if (path.equals("/pixel")) {
      request.response().putHeader("Content-Type", "image/gif").end(Buffer.buffer(PIXEL));
    } else if (path.equals("/lookup")) {
      requests.incrementAndGet();
      if (request.method() == HttpMethod.GET) {
        JsonObject signals = new JsonObject();
        String category = request.getParam("c_category");
        if (category != null) {
          signals.put("c_category", new JsonArray().add(category));
        }
        answer(request, request.getParam("uuid"), signals);
      } else {
        request
            .body()
            .onSuccess(
                body -> {
                  JsonObject json;
                  try {
                    json = body.toJsonObject();
                  } catch (RuntimeException e) {
                    request.response().setStatusCode(400).end("body: must be a JSON object");
                    return;
                  }
                  Object uuid = json.getValue("uuid");
                  Object signals = json.getValue("signals");
                  answer(
                      request,
                      uuid instanceof String s ? s : null,
                      signals instanceof JsonObject o ? o : new JsonObject());
                })
            .onFailure(t -> fail(request));
      }
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  /**
   * ID sync, as a partner's sync endpoint does it: the page calls {@code /sync?aam=<uuid>}, the
   * partner answers with a redirect to rtdcs's {@code /ibs:dpid=<dpid>&dpuuid=<its own id>}.
   */
  private void sync(HttpServerRequest request) {
    String aam = request.getParam("aam", "");
    syncs.incrementAndGet();
    String ownId = "demo-" + Integer.toHexString(aam.hashCode());
    DemoPartnerOptions o = options;
    String location =
        o.getDcsUrl()
            + "/ibs:dpid="
            + o.getDpid()
            + "&dpuuid="
            + URLEncoder.encode(ownId, StandardCharsets.UTF_8);
    request.response().setStatusCode(302).putHeader("Location", location).end();
  }

  private void control(HttpServerRequest request) {
    if (request.method() == HttpMethod.GET) {
      request.response().putHeader("Content-Type", "application/json").end(state().encode());
      return;
    }
    request
        .body()
        .onSuccess(
            body -> {
              try {
                DemoPartnerOptions next = new DemoPartnerOptions(options.toJson());
                next.merge(body.toJsonObject());
                options = next;
                request
                    .response()
                    .putHeader("Content-Type", "application/json")
                    .end(state().encode());
              } catch (RuntimeException e) {
                request.response().setStatusCode(400).end(String.valueOf(e.getMessage()));
              }
            })
        .onFailure(t -> fail(request));
  }

  private static void fail(HttpServerRequest request) {
    if (!request.response().ended() && !request.response().closed()) {
      request.response().setStatusCode(400).end("cannot read the request body");
    }
  }

  private JsonObject state() {
    return options.toJson().put("requests", requests.get()).put("syncs", syncs.get());
  }

  private void answer(HttpServerRequest request, String uuid, JsonObject signals) {
    DemoPartnerOptions o = options;
    if (o.getMode().equals("hang")) {
      return; // never answer; the connection closes when the caller resets it
    }
    Runnable respond =
        () -> {
          if (o.getMode().equals("error")
              || (o.getFailureRate() > 0
                  && ThreadLocalRandom.current().nextDouble() < o.getFailureRate())) {
            request.response().setStatusCode(500).end("demo failure");
            return;
          }
          if (o.getMode().equals("garbage")) {
            request
                .response()
                .putHeader("Content-Type", "application/json")
                .end("{\"segments\": [oops");
            return;
          }
          JsonObject answer =
              new JsonObject()
                  .put("segments", new JsonArray(DemoSegments.forVisitor(uuid, signals)))
                  .put("ttl", o.getTtl());
          if (o.getMode().equals("slow-body")) {
            dribble(request, answer.toBuffer());
          } else {
            request.response().putHeader("Content-Type", "application/json").end(answer.toBuffer());
          }
        };
    if (o.getLatencyMs() > 0) {
      vertx.setTimer(o.getLatencyMs(), id -> respond.run());
    } else {
      respond.run();
    }
  }

  /** Headers at once, then one byte every 50 ms. */
  private void dribble(HttpServerRequest request, Buffer body) {
    request
        .response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Content-Length", Integer.toString(body.length()))
        .writeHead();
    int[] sent = {0};
    vertx.setPeriodic(
        SLOW_BODY_INTERVAL_MS,
        id -> {
          if (request.response().closed() || sent[0] >= body.length()) {
            vertx.cancelTimer(id);
            if (!request.response().ended() && !request.response().closed()) {
              request.response().end();
            }
            return;
          }
          request.response().write(body.getBuffer(sent[0], sent[0] + 1));
          sent[0]++;
        });
  }
}
