package io.rtdcs.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reference for the one-partner scenario: per request, the same partner call rtdcs makes (POST
 * JSON {uuid, dpuuid, signals, tmax, tid} to the same stub partner), then a fixed answer of rtdcs's
 * size with the partner's segments. No parsing, rules or store: what Vert.x alone costs for that
 * round trip. {@code --port 8181 --partner http://127.0.0.1:8190/lookup --instances 2}
 */
public final class BareProxy extends VerticleBase {
  private final int port;
  private final URI partner;
  private WebClient client;

  BareProxy(int port, URI partner) {
    this.port = port;
    this.partner = partner;
  }

  @Override
  public Future<?> start() {
    client =
        WebClient.create(
            vertx,
            new io.vertx.ext.web.client.WebClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(64));
    return vertx
        .createHttpServer()
        .requestHandler(
            req -> {
              String uuid = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
              JsonObject lookup =
                  new JsonObject()
                      .put("uuid", uuid)
                      .put("dpuuid", (String) null)
                      .put(
                          "signals",
                          new JsonObject().put("c_category", new JsonArray().add("shoes")))
                      .put("tmax", 80)
                      .put("tid", "31ZpxW5bQGc=");
              client
                  .post(partner.getPort(), partner.getHost(), partner.getPath())
                  .timeout(80)
                  .sendJsonObject(lookup)
                  .onComplete(
                      ar -> {
                        JsonArray segments =
                            ar.succeeded() && ar.result().statusCode() == 200
                                ? ar.result()
                                    .bodyAsJsonObject()
                                    .getJsonArray("segments", new JsonArray())
                                : new JsonArray();
                        Buffer body =
                            new JsonObject()
                                .put("uuid", uuid)
                                .put("dcs_region", 7)
                                .put("tid", "31ZpxW5bQGc=")
                                .put("segments", segments)
                                .put("stuff", new JsonArray())
                                .toBuffer();
                        req.response().putHeader("content-type", "application/json").end(body);
                      });
            })
        .listen(port, "127.0.0.1");
  }

  public static void main(String[] argv) {
    Args args = new Args(argv);
    int port = args.integer("port", 8181);
    URI partner = URI.create(args.string("partner", "http://127.0.0.1:8190/lookup"));
    Vertx vertx = Vertx.vertx();
    vertx
        .deployVerticle(
            () -> new BareProxy(port, partner),
            new io.vertx.core.DeploymentOptions().setInstances(args.integer("instances", 2)))
        .onSuccess(id -> System.out.println("bare proxy on :" + port + " -> " + partner))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }
}
