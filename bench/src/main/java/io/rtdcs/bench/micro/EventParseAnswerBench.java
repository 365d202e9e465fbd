package io.rtdcs.bench.micro;

import io.rtdcs.dcs.request.EventRequest;
import io.rtdcs.dcs.request.EventRequestParser;
import io.rtdcs.dcs.request.RawCall;
import io.rtdcs.dcs.response.EventResponseWriter;
import io.rtdcs.dcs.response.EventResult;
import io.rtdcs.dcs.response.HttpAnswer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the /event path's own CPU work per call: parse a typical call and build its JSON answer
 * (no I/O). Run: {@code java -jar bench/target/rtdcs-bench.jar EventParseAnswerBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventParseAnswerBench {
  static final String UUID = "22920112968019678612904394744954398990";
  final EventRequestParser parser = new EventRequestParser(200, 8192, 32768);
  final EventResponseWriter writer = new EventResponseWriter(7);
  final Map<String, String> headers =
      Map.of(
          "user-agent",
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari",
          "referer",
          "https://shop.example.com/shoes/running?color=red",
          "accept-language",
          "en-US,en;q=0.9",
          "host",
          "dcs.example.com");
  final RawCall get =
      new RawCall(
          "GET",
          "/event?d_rtbd=json&d_dst=1&c_category=shoes&c_brand=acme&c_size=42,43"
              + "&p_email_domain=example.com&d_cid=20915%01AB-12%011&d_sid=3001&_ts=1700000000000",
          null,
          null,
          headers,
          UUID,
          "https");
  final RawCall post =
      new RawCall(
          "POST",
          "/event?_ts=1700000000000",
          ("d_dst=1&d_jsonv=1&d_ld=_ts%3D1700000000000&d_mid=12345678901234567890&d_nsid=0"
                  + "&d_rtbd=json&c_category=shoes&c_page=%2Fshoes%2Frunning")
              .getBytes(StandardCharsets.ISO_8859_1),
          "application/x-www-form-urlencoded",
          headers,
          UUID,
          "https");
  final EventResult result =
      new EventResult(
          UUID,
          true,
          false,
          new JsonArray().add(1001).add(2001).add(3001),
          new JsonArray().add(5001).add(5002),
          new JsonArray()
              .add(
                  new JsonObject()
                      .put("cn", "aam_tnt")
                      .put("cv", "segs=shoe_lovers")
                      .put("ttl", 30)
                      .put("dmn", ".example.com")),
          new JsonArray(),
          new JsonArray()
              .add(
                  new JsonObject()
                      .put("id", 9001)
                      .put("tag", "img")
                      .put("url", new JsonArray().add("https://sync.partner.example/s?aam=%DID%"))
                      .put("ttl", 20160)
                      .put("fireURLSync", 1)),
          null,
          List.of());

  @Benchmark
  public HttpAnswer parseGetAndAnswerJson() {
    EventRequest r = parser.parse(get);
    return writer.answer(r, result, "31ZpxW5bQGc=");
  }

  @Benchmark
  public HttpAnswer parsePostAndAnswerJson() {
    EventRequest r = parser.parse(post);
    return writer.answer(r, result, "31ZpxW5bQGc=");
  }

  @Benchmark
  public EventRequest parseGetOnly() {
    return parser.parse(get);
  }
}
