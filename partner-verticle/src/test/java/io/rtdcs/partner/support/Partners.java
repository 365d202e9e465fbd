package io.rtdcs.partner.support;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.partner.PartnerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test helpers: deploy the real verticle, build definitions, send lookups and read outcomes. */
public final class Partners {

  public static String deploy(Vertx vertx, HazelcastInstance hz, JsonObject config) {
    return deploy(vertx, hz, config, 1);
  }

  public static String deploy(Vertx vertx, HazelcastInstance hz, JsonObject config, int instances) {
    return vertx
        .deployVerticle(
            () -> new PartnerVerticle(hz, Clock.systemUTC()),
            new DeploymentOptions().setConfig(config).setInstances(instances))
        .await();
  }

  /** The stub partners listen on loopback: {@code egress.allow} lets the verticle call them. */
  public static JsonObject config(JsonObject... definitions) {
    return new JsonObject()
        .put("definitions", new JsonArray(List.of((Object[]) definitions)))
        .put("egress", new JsonObject().put("allow", LOOPBACK));
  }

  public static final JsonArray LOOPBACK = new JsonArray().add("127.0.0.1").add("localhost");

  public static JsonObject http(int dpid, String url) {
    return new JsonObject()
        .put("dpid", dpid)
        .put("name", "partner " + dpid)
        .put("type", "http")
        .put("url", url)
        .put("timeoutMs", 1_000)
        .put("signals", new JsonArray().add("c_category"));
  }

  public static JsonObject eventBus(int dpid) {
    return new JsonObject().put("dpid", dpid).put("type", "eventbus").put("timeoutMs", 1_000);
  }

  public static JsonObject lookupRequest(long timeoutMs) {
    return new JsonObject()
        .put("tid", "31ZpxW5bQGc=")
        .put("timeoutMs", timeoutMs)
        .put("uuid", "22920112968019678612904394744954398990")
        .put("signals", new JsonObject().put("c_category", new JsonArray().add("shoes")));
  }

  /** The reply and how long it took, measured by the sender. */
  public record Timed(JsonObject reply, long elapsedMs) {
    public Map<Integer, JsonObject> byDpid() {
      return reply.getJsonArray("outcomes").stream()
          .map(JsonObject.class::cast)
          .collect(Collectors.toMap(o -> o.getInteger("dpid"), o -> o));
    }

    public JsonObject outcome(int dpid) {
      return byDpid().get(dpid);
    }
  }

  public static Timed lookup(Vertx vertx, JsonObject request) {
    long t0 = System.nanoTime();
    JsonObject reply =
        vertx
            .eventBus()
            .<JsonObject>request(
                Addresses.PARTNER_LOOKUP, request, new DeliveryOptions().setSendTimeout(5_000))
            .await()
            .body();
    return new Timed(reply, (System.nanoTime() - t0) / 1_000_000);
  }

  public static JsonObject admin(Vertx vertx, JsonObject request) {
    return vertx.eventBus().<JsonObject>request(Addresses.ADMIN_PARTNERS, request).await().body();
  }

  private Partners() {}
}
