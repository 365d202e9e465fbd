package io.rtdcs.partner.lookup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.rtdcs.partner.support.Partners.config;
import static io.rtdcs.partner.support.Partners.deploy;
import static io.rtdcs.partner.support.Partners.http;
import static io.rtdcs.partner.support.Partners.lookup;
import static io.rtdcs.partner.support.Partners.lookupRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.partner.client.PartnerOutcome;
import io.rtdcs.partner.stats.PartnerStats;
import io.rtdcs.partner.support.Partners.Timed;
import io.rtdcs.partner.support.StubPartnerServer;
import io.rtdcs.partner.support.TestHazelcast;
import io.rtdcs.partner.support.TimingSlack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults at the HTTP wire level that our own stub partner does not make, from WireMock (the team's
 * faulty stub partner): a reset by the peer, a reply without a byte, a malformed chunk after a 200,
 * random bytes instead of HTTP, and a valid answer dribbled in chunks, slower or faster than the
 * deadline. Each gives the faulty partner its outcome, in the reply and in the node's partner
 * counters, while the healthy partners' segments still come within the budget.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class WireMockFaultsTest {
  // roomier than FaultZooTest's 200 ms (which holds the tight deadline): a wire fault must show as
  // an error, not as a timeout because a loaded machine ran the client late
  private static final long TIMEOUT_MS = 500;
  private static final int HEALTHY = 9001;
  private static final int FAULTY = 9003;
  private static final String ANSWER = "{\"segments\": [\"dribbled\"], \"ttl\": 600}";
  // a cold JVM (class loading, JIT of Jetty and the client) can miss the budget on its first
  // calls; the assertions are about the faults, so every case serves a few lookups first
  private static final int WARM_UPS = 3;

  private static HazelcastInstance hz;
  private static WireMockServer wireMock;

  @BeforeAll
  static void start() {
    hz = TestHazelcast.member("test-" + UUID.randomUUID(), false);
    wireMock = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    wireMock.start();
    warmUp(wireMock);
    for (Fault fault : Fault.values()) {
      wireMock.stubFor(post(urlPathEqualTo("/" + fault)).willReturn(aResponse().withFault(fault)));
    }
    // the whole answer over 2 s in 5 chunks: the deadline cuts it
    wireMock.stubFor(
        post(urlPathEqualTo("/dribble-slow"))
            .willReturn(okJson(ANSWER).withChunkedDribbleDelay(5, 2_000)));
    // the whole answer over 40 ms in 4 chunks: reassembled and used
    wireMock.stubFor(
        post(urlPathEqualTo("/dribble-fast"))
            .willReturn(okJson(ANSWER).withChunkedDribbleDelay(4, 40)));
  }

  /** Jetty's first requests are slow (class loading): a few plain calls before any deadline. */
  private static void warmUp(WireMockServer server) {
    server.stubFor(post(urlPathEqualTo("/warm-up")).willReturn(okJson(ANSWER)));
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 20; i++) {
      try {
        http.send(
            HttpRequest.newBuilder(URI.create(server.url("/warm-up")))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @AfterAll
  static void stop() {
    wireMock.stop();
    hz.shutdown();
  }

  @BeforeEach
  void clearDefinitions() {
    TestHazelcast.reset(hz);
    wireMock.resetRequests();
  }

  static Stream<Arguments> faults() {
    Stream<Arguments> wire =
        Arrays.stream(Fault.values()).map(f -> Arguments.of("/" + f, PartnerOutcome.ERROR));
    return Stream.concat(
        wire,
        Stream.of(
            Arguments.of("/dribble-slow", PartnerOutcome.TIMEOUT),
            Arguments.of("/dribble-fast", PartnerOutcome.OK)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("faults")
  void lookupShouldRecordThePartnersOutcomeAndStillAnswerWithinBudget(
      String path, PartnerOutcome expected, Vertx vertx) {
    StubPartnerServer healthy = StubPartnerServer.start(vertx);
    deploy(
        vertx,
        hz,
        config(
            http(HEALTHY, healthy.url("/ok?seg=auto-intender,shoes-buyer")),
            http(FAULTY, wireMock.url(path))));
    for (int i = 0; i < WARM_UPS; i++) {
      lookup(vertx, lookupRequest(TIMEOUT_MS));
    }
    PartnerStats.PartnerCounters counters = PartnerStats.of(vertx).partner(FAULTY);
    long before = counters.count(expected);

    Timed timed = lookup(vertx, lookupRequest(TIMEOUT_MS));

    JsonObject faulty = timed.outcome(FAULTY);
    assertThat(faulty.getString("outcome")).as(faulty.encode()).isEqualTo(expected.wire());
    if (expected == PartnerOutcome.OK) {
      assertThat(faulty.getJsonArray("segments").getList()).containsExactly("dribbled");
    } else {
      assertThat(faulty.getString("detail")).isNotBlank();
      assertThat(faulty.containsKey("segments")).isFalse();
    }
    assertThat(timed.outcome(HEALTHY).getString("outcome")).isEqualTo("ok");
    assertThat(timed.outcome(HEALTHY).getJsonArray("segments").getList())
        .containsExactly("auto-intender", "shoes-buyer");
    assertThat(timed.elapsedMs()).isLessThanOrEqualTo(TIMEOUT_MS + TimingSlack.ms());
    // the partner really was asked, with the lookup's visitor, once per lookup
    List<LoggedRequest> asked = wireMock.findAll(postRequestedFor(urlPathEqualTo(path)));
    assertThat(asked).hasSize(WARM_UPS + 1);
    assertThat(new JsonObject(asked.get(WARM_UPS).getBodyAsString()).getString("uuid"))
        .isEqualTo(lookupRequest(TIMEOUT_MS).getString("uuid"));
    // the node's counters saw the call with that outcome, and no call is left in flight (a call
    // that timed out gives its slot back when its exchange is torn down, which may come just after
    // the lookup's answer: seen once in a fresh-clone run)
    assertThat(counters.count(expected)).isEqualTo(before + 1);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(counters.inFlight().get()).isZero());
  }
}
