package io.rtdcs.outbound;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.segment.SegmentFixture;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/** One member's Vert.x with the real SegmentVerticle and OutboundVerticle, and helpers. */
final class OutboundFixture {
  static final int DESTINATION = 7003;
  static final int USER_DPID = 9001;

  private OutboundFixture() {}

  /** The demo definitions plus s2s destination 7003 (5002 -> "autos", 5001 -> "shoe_lovers"). */
  static JsonObject definitions(JsonObject s2s) {
    JsonObject defs = SegmentFixture.demoDefinitions();
    JsonObject d =
        new JsonObject()
            .put("id", DESTINATION)
            .put("type", "s2s")
            .put("name", "Partner server")
            .put("userDpid", USER_DPID)
            .put("clientId", "client-1")
            .put(
                "mappings",
                new JsonArray()
                    .add(new JsonObject().put("segment", 5002).put("value", "autos"))
                    .add(new JsonObject().put("segment", 5001).put("value", "shoe_lovers")))
            .mergeIn(s2s);
    defs.getJsonArray("destinations").add(d);
    return defs;
  }

  static Vertx startNode(
      HazelcastInstance hz, Clock clock, JsonObject definitions, JsonObject outbound) {
    Vertx vertx = Vertx.vertx();
    SegmentFixture.deploy(
        vertx,
        hz,
        clock,
        new JsonObject().put("definitions", definitions).put("outbound", outbound));
    SegmentFixture.await(
        vertx.deployVerticle(
            new OutboundVerticle(hz, clock),
            new DeploymentOptions()
                .setConfig(outbound.copy().put("egress", SegmentFixture.LOOPBACK_EGRESS.copy()))));
    return vertx;
  }

  static String newUuid() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 38; i++) {
      sb.append(ThreadLocalRandom.current().nextInt(i == 0 ? 1 : 0, 10));
    }
    return sb.toString();
  }

  static void sync(Vertx vertx, String uuid, String dpuuid) {
    SegmentFixture.request(
        vertx,
        Addresses.ID_SYNC,
        new JsonObject()
            .put("timeoutMs", 5000)
            .put("uuid", uuid)
            .put("dpid", USER_DPID)
            .put("dpuuid", dpuuid));
  }

  /** Realizes onboarded trait 3001: qualifies 5002 ("autos"), which never expires. */
  static JsonObject qualifyForever(Vertx vertx, String uuid) {
    return realize(vertx, uuid, new JsonObject().put("sids", new JsonArray().add(3001)));
  }

  /** Realizes partner trait 2001 (30-day TTL): qualifies 5002 ("autos"). */
  static JsonObject qualifyFor30Days(Vertx vertx, String uuid) {
    return realize(
        vertx,
        uuid,
        new JsonObject()
            .put(
                "partners",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("dpid", 9001)
                            .put("outcome", "ok")
                            .put("segments", new JsonArray().add("auto-intender"))
                            .put("ttlSeconds", 600))));
  }

  static JsonObject realize(Vertx vertx, String uuid, JsonObject extra) {
    return SegmentFixture.request(
        vertx,
        Addresses.PROFILE_REALIZE,
        new JsonObject().put("timeoutMs", 5000).put("uuid", uuid).mergeIn(extra));
  }
}
