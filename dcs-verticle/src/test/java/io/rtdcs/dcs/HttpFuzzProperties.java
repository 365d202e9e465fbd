package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.dcs.request.EventRequest;
import io.rtdcs.dcs.request.EventRequestParser;
import io.rtdcs.dcs.request.RawCall;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;

/** Arbitrary calls through the real server: never a 5xx; a rejected call reaches no verticle. */
class HttpFuzzProperties {
  static DcsServer server;
  static final EventRequestParser PARSER = new EventRequestParser(200, 8192, 32768);

  @BeforeContainer
  static void start() {
    server = new DcsServer(new JsonObject());
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @BeforeTry
  void resetStubs() {
    server.stubs.reset();
  }

  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> fragments =
        Arbitraries.oneOf(
            Arbitraries.of(
                "&",
                "=",
                ",",
                "%",
                "%01",
                "%zz",
                "%C3%28",
                "+",
                "d_rtbd=json",
                "d_cb=a.b",
                "d_cb=(",
                "d_uuid=",
                "d_cid=1%01",
                "d_sid=3001,",
                "p_x=",
                "c_y=",
                "!",
                "~",
                "'"),
            Arbitraries.strings().withChars("abcxyz0129_-.!*'()~:@/?$;").ofMaxLength(10));
    return fragments.list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Property(tries = 150)
  void arbitraryCallsShouldNeverProduceA5xxAndRejectedOnesShouldSendNothing(
      @ForAll("queries") String query, @ForAll boolean post) {
    String uri = "/event?" + query;
    HttpResponse<Buffer> r =
        post
            ? server
                .client
                .post("/event")
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer(query))
                .await()
            : server.client.get(uri).send().await();

    assertThat(r.statusCode()).isLessThan(500);
    EventRequest local =
        PARSER.parse(
            post
                ? new RawCall(
                    "POST",
                    "/event",
                    query.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    "application/x-www-form-urlencoded",
                    Map.of(),
                    null,
                    "http")
                : RawCall.get(uri));
    Statistics.label("rejected").collect(local.rejected());
    if (local.rejected()) {
      assertThat(server.stubs.totalReceived()).isZero();
      assertThat(r.cookies()).isEmpty();
    }
  }
}
