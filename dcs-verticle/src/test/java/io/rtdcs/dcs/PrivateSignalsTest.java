package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rtdcs.common.Addresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code p_} values reach the realize step only: never the partner request, the answer or logs. */
class PrivateSignalsTest {
  static final String SECRET = "secret-p-value";
  static DcsServer server;
  static ListAppender<ILoggingEvent> logs;

  @BeforeAll
  static void start() {
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    server = new DcsServer(new JsonObject().put("debug", true));
  }

  @AfterAll
  static void stop() {
    server.close();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  @BeforeEach
  void resetStubs() {
    server.stubs.reset();
  }

  HttpResponse<Buffer> call(String uri) {
    return server.client.get(uri).send().await();
  }

  @Test
  void privateValuesShouldReachRealizeButNotThePartnerRequestNorTheAnswer() {
    HttpResponse<Buffer> r =
        call("/event?d_rtbd=json&c_category=shoes&p_email=" + SECRET + "&p_list=a," + SECRET);

    assertThat(r.bodyAsString()).doesNotContain(SECRET).doesNotContain("p_email");
    assertThat(r.bodyAsJsonObject().getJsonArray("partners")).hasSize(1);
    JsonObject lookup = server.stubs.received(Addresses.PARTNER_LOOKUP).get(0);
    assertThat(lookup.encode()).doesNotContain(SECRET).doesNotContain("p_email");
    assertThat(lookup.getJsonObject("signals").fieldNames())
        .contains("c_category")
        .noneMatch(k -> k.startsWith("p_"));
    JsonObject realize = server.stubs.received(Addresses.PROFILE_REALIZE).get(0);
    assertThat(realize.getJsonObject("signals").getJsonArray("p_email")).containsExactly(SECRET);
    assertThat(realize.getJsonObject("signals").getJsonArray("p_list"))
        .containsExactly("a", SECRET);
  }

  @Test
  void privateValuesShouldNeverBeLoggedEvenWhenEveryStepFails() {
    logs.list.clear();
    server.stubs.fail(Addresses.PARTNER_LOOKUP, 500);
    server.stubs.fail(Addresses.PROFILE_REALIZE, 503);
    call("/event?d_rtbd=json&p_email=" + SECRET);
    server.stubs.fail(Addresses.PROFILE_RESOLVE, 500);
    call("/event?d_rtbd=json&d_uuid=" + ContractStubs.KNOWN_UUID + "&p_email=" + SECRET);
    HttpResponse<Buffer> bad = call("/event?d_rtbd=json&p_email=" + SECRET + "&p_x!=" + SECRET);
    HttpResponse<Buffer> broken = call("/event?d_rtbd=json&p_email=" + SECRET + "%zz");

    assertThat(bad.bodyAsString()).doesNotContain(SECRET).doesNotContain("p_x");
    assertThat(broken.bodyAsString()).doesNotContain(SECRET);
    assertThat(logs.list)
        .allSatisfy(
            e -> {
              assertThat(e.getFormattedMessage()).doesNotContain(SECRET);
              if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(SECRET);
              }
            });
  }
}
