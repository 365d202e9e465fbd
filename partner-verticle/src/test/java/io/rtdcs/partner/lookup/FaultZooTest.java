package io.rtdcs.partner.lookup;

import static io.rtdcs.partner.support.Partners.config;
import static io.rtdcs.partner.support.Partners.deploy;
import static io.rtdcs.partner.support.Partners.http;
import static io.rtdcs.partner.support.Partners.lookup;
import static io.rtdcs.partner.support.Partners.lookupRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.partner.support.Partners.Timed;
import io.rtdcs.partner.support.StubPartnerServer;
import io.rtdcs.partner.support.TestHazelcast;
import io.rtdcs.partner.support.TimingSlack;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
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
 * Each fault of a real partner on loopback gives its outcome, the healthy partners' segments are
 * still in the reply, and the reply comes within the request's timeoutMs plus 10 ms.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class FaultZooTest {
  private static final long TIMEOUT_MS = 200;
  private static final int HEALTHY_A = 9001;
  private static final int HEALTHY_B = 9002;
  private static final int FAULTY = 9003;

  private static HazelcastInstance hz;

  @BeforeAll
  static void startHazelcast() {
    hz = TestHazelcast.member("test-" + UUID.randomUUID(), false);
  }

  @AfterAll
  static void stopHazelcast() {
    hz.shutdown();
  }

  @BeforeEach
  void clearDefinitions() {
    TestHazelcast.reset(hz);
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("/slow", "timeout"),
        Arguments.of("/hang", "timeout"),
        Arguments.of("/dribble", "timeout"),
        Arguments.of("/status500", "error"),
        Arguments.of("/garbage", "error"),
        Arguments.of("/huge", "error"),
        Arguments.of("/huge-chunked", "error"),
        Arguments.of("/too-many", "error"),
        Arguments.of("/wrong-types", "error"),
        Arguments.of("/reset", "error"),
        Arguments.of("/empty-reply", "error"),
        Arguments.of("CLOSED-PORT", "error"),
        Arguments.of("/nodata", "no-data"),
        Arguments.of("/empty-list", "no-data"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("faults")
  void lookupShouldReportTheFaultAndKeepHealthyPartnersWithinBudget(
      String fault, String expected, Vertx vertx) throws Exception {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    String faultyUrl = fault.equals("CLOSED-PORT") ? closedPortUrl() : stub.url(fault);
    deploy(
        vertx,
        hz,
        config(
            http(HEALTHY_A, stub.url("/ok?seg=auto-intender,shoes-buyer")),
            http(HEALTHY_B, stub.url("/ok?seg=sports-fan&delay=20")),
            http(FAULTY, faultyUrl)));
    lookup(vertx, lookupRequest(TIMEOUT_MS)); // warm up class loading and connections

    Timed timed = lookup(vertx, lookupRequest(TIMEOUT_MS));

    assertThat(timed.outcome(FAULTY).getString("outcome")).isEqualTo(expected);
    assertThat(timed.outcome(FAULTY).getString("detail")).isNotBlank();
    assertThat(timed.outcome(FAULTY).containsKey("segments")).isFalse();
    assertThat(timed.outcome(HEALTHY_A).getString("outcome")).isEqualTo("ok");
    assertThat(timed.outcome(HEALTHY_A).getJsonArray("segments").getList())
        .containsExactly("auto-intender", "shoes-buyer");
    assertThat(timed.outcome(HEALTHY_B).getJsonArray("segments").getList())
        .containsExactly("sports-fan");
    assertThat(timed.elapsedMs()).isLessThanOrEqualTo(TIMEOUT_MS + TimingSlack.ms());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void lookupShouldNeverWaitForAFaultyPartnerBeyondTheDefinitionTimeout(
      String fault, String expected, Vertx vertx) throws Exception {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    String faultyUrl = fault.equals("CLOSED-PORT") ? closedPortUrl() : stub.url(fault);
    deploy(vertx, hz, config(http(FAULTY, faultyUrl).put("timeoutMs", 60)));
    lookup(vertx, lookupRequest(500));

    Timed timed = lookup(vertx, lookupRequest(500));

    assertThat(timed.outcome(FAULTY).getString("outcome")).isEqualTo(expected);
    // the call's own 60 ms deadline cut it, far before the lookup's 495 ms (room for a busy CI box)
    assertThat(timed.elapsedMs()).isLessThan(60 + 4 * TimingSlack.ms());
  }

  private static String closedPortUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return "http://127.0.0.1:" + port + "/lookup";
  }
}
