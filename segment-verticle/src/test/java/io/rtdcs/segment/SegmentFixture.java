package io.rtdcs.segment;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Deploys the real SegmentVerticle and talks to it over the event bus, as dcs-verticle does. */
public final class SegmentFixture {

  /** The definitions of docs/event-bus.md, plus a segment of segments and a p_ trait. */
  public static JsonObject demoDefinitions() {
    return new JsonObject(
        """
        {"traits": [
          {"sid": 1001, "name": "Shoe shoppers", "type": "rule", "dataSource": 0, "rule": "c_category == \\"shoes\\"", "ttlDays": 120},
          {"sid": 2001, "name": "Auto intenders (partner 9001)", "type": "partner", "dpid": 9001, "segment": "auto-intender", "ttlDays": 30},
          {"sid": 3001, "name": "Newsletter click", "type": "onboarded", "ttlDays": 0},
          {"sid": 4001, "name": "Example mail", "type": "rule", "dataSource": 7, "rule": "p_email_domain == \\"example.com\\"", "ttlDays": 10},
          {"sid": 4002, "name": "Partner segment as signal", "type": "rule", "rule": "d_pseg_9001 == \\"shoes-buyer\\""}
        ],
        "segments": [
          {"id": 5001, "name": "Shoe lovers", "rule": "1001T AND FREQUENCY([1001T] <= 7D) >= 2"},
          {"id": 5002, "name": "Autos or newsletter", "rule": "2001T OR 3001T"},
          {"id": 5003, "name": "Shoe lovers with mail", "rule": "5001S AND 4001T"}
        ],
        "destinations": [
          {"id": 7001, "type": "cookie", "name": "Ad server", "cookieName": "aam_tnt", "format": "key_value",
           "key": "segs", "keySeparator": "=", "valueSeparator": ",", "domain": ".example.com", "ttlDays": 30, "maxSize": 2048,
           "mappings": [{"segment": 5001, "value": "shoe_lovers", "start": "2026-01-01", "end": null},
                        {"segment": 5002, "value": "autos"}]},
          {"id": 7002, "type": "url", "name": "DSP pixel", "tag": "img", "delimiter": ",",
           "url": "http://dsp.example/px?segs=%ALIAS%&uuid=%DID%", "secureUrl": "https://dsp.example/px?segs=%ALIAS%&uuid=%DID%",
           "mappings": [{"segment": 5001, "value": "5001"}, {"segment": 5002, "value": "5002"}]}
        ]}
        """);
  }

  public static JsonObject config() {
    return new JsonObject().put("definitions", demoDefinitions());
  }

  /** The test destinations listen on loopback: {@code egress.allow} opens it. */
  public static final JsonObject LOOPBACK_EGRESS =
      new JsonObject().put("allow", new io.vertx.core.json.JsonArray().add("127.0.0.1"));

  /** Deploys two instances; a config without {@code egress} gets {@link #LOOPBACK_EGRESS}. */
  public static String deploy(Vertx vertx, HazelcastInstance hz, Clock clock, JsonObject config) {
    JsonObject c = config.copy();
    if (!c.containsKey("egress")) {
      c.put("egress", LOOPBACK_EGRESS.copy());
    }
    return await(
        vertx.deployVerticle(
            () -> new SegmentVerticle(hz, clock),
            new DeploymentOptions().setInstances(2).setConfig(c)));
  }

  /**
   * Sends {@code body} and waits for the reply body; throws {@link ReplyException} on a failure.
   */
  public static JsonObject request(Vertx vertx, String address, JsonObject body) {
    Future<Message<Object>> reply =
        vertx.eventBus().request(address, body, new DeliveryOptions().setSendTimeout(10_000));
    return (JsonObject) await(reply).body();
  }

  /** Sends {@code body} and returns the failure reply. */
  public static ReplyException failure(Vertx vertx, String address, JsonObject body) {
    try {
      JsonObject ok = request(vertx, address, body);
      throw new AssertionError("expected a failure reply, got " + ok);
    } catch (ReplyException e) {
      return e;
    }
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private SegmentFixture() {}
}
