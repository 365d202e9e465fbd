package io.rtdcs.bench.micro;

import io.rtdcs.common.SharedJsonCodec;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One local event-bus request-reply carrying a realize body (signals, declared IDs, partner
 * outcomes) and a realize reply, with Vert.x's JSON codec (a deep copy each way) or rtdcs's {@code
 * rtdcs-json} (the object itself). The caller waits for the reply, as the dcs verticle's calls do.
 * Run: {@code java -jar bench/target/rtdcs-bench.jar -f 1 -wi 3 -i 5 -w 1s -r 1s EventBusHopBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventBusHopBench {
  @Param({"vertx-json", "rtdcs-json"})
  public String codec;

  private Vertx vertx;
  private JsonObject body;
  private DeliveryOptions options;

  @Setup(Level.Trial)
  public void start() {
    vertx = Vertx.vertx();
    SharedJsonCodec.register(vertx.eventBus());
    JsonObject reply = realizeReply();
    DeliveryOptions replyOptions =
        "rtdcs-json".equals(codec) ? SharedJsonCodec.reply() : new DeliveryOptions();
    vertx
        .eventBus()
        .<JsonObject>consumer("bench.realize", m -> m.reply(reply, replyOptions))
        .completion()
        .await();
    body = realizeBody();
    options =
        ("rtdcs-json".equals(codec) ? SharedJsonCodec.options() : new DeliveryOptions())
            .setSendTimeout(1_000);
  }

  @TearDown(Level.Trial)
  public void stop() {
    vertx.close().await();
  }

  @Benchmark
  public Object requestReply() {
    return vertx.eventBus().request("bench.realize", body, options).await().body();
  }

  /**
   * {@value #BATCH} requests in flight at once from one event loop, as a loaded node has them: the
   * time per batch is the loops' CPU per hop, not the hand-over latency that {@link #requestReply}
   * mostly measures.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object hundredInFlight() throws Exception {
    java.util.concurrent.CompletableFuture<Integer> done =
        new java.util.concurrent.CompletableFuture<>();
    vertx.runOnContext(
        v -> {
          int[] left = {BATCH};
          for (int i = 0; i < BATCH; i++) {
            vertx
                .eventBus()
                .request("bench.realize", body, options)
                .onComplete(
                    ar -> {
                      if (--left[0] == 0) {
                        done.complete(BATCH);
                      }
                    });
          }
        });
    return done.get(10, TimeUnit.SECONDS);
  }

  static final int BATCH = 100;

  static JsonObject realizeBody() {
    JsonObject signals = new JsonObject();
    for (String k :
        new String[] {"c_category", "c_brand", "c_price", "c_url", "h_referer", "h_user-agent"}) {
      signals.put(k, new JsonArray().add("value-of-" + k).add("second"));
    }
    JsonArray partners = new JsonArray();
    for (int dpid = 9001; dpid <= 9003; dpid++) {
      partners.add(
          new JsonObject()
              .put("dpid", dpid)
              .put("outcome", "ok")
              .put("segments", new JsonArray().add("auto-intender").add("shoes-buyer"))
              .put("ttlSeconds", 600));
    }
    return new JsonObject()
        .put("tid", "31ZpxW5bQGc=")
        .put("timeoutMs", 40)
        .put("uuid", "22920112968019678612904394744954398990")
        .put("signals", signals)
        .put("sids", new JsonArray().add(3001))
        .put(
            "declaredIds",
            new JsonArray()
                .add(new JsonObject().put("dpid", 777).put("id", "crm-1").put("auth", 1)))
        .put("partners", partners);
  }

  static JsonObject realizeReply() {
    return new JsonObject()
        .put("uuid", "22920112968019678612904394744954398990")
        .put("optedOut", false)
        .put("traits", new JsonArray().add(1001).add(2001).add(3001))
        .put("realized", new JsonArray().add(1001))
        .put("segments", new JsonArray().add(5001).add(5002))
        .put("unknownSids", new JsonArray())
        .put(
            "stuff",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("cn", "aam_tnt")
                        .put("cv", "segs=shoe_lovers,autos")
                        .put("ttl", 30)
                        .put("dmn", ".example.com")))
        .put("dests", new JsonArray());
  }
}
