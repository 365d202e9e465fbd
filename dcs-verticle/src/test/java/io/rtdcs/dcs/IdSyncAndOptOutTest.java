package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.Addresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /ibs (colon and query forms, allowed and refused redirects) and /demoptout.jpg. */
class IdSyncAndOptOutTest {
  static final String KNOWN = ContractStubs.KNOWN_UUID;
  static DcsServer server;

  @BeforeAll
  static void start() {
    server =
        new DcsServer(
            new JsonObject()
                .put(
                    "declaredIds",
                    new JsonObject()
                        .put(
                            "secrets",
                            new JsonObject().put("20915", EventCompatibilityTest.SECRET))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void resetStubs() {
    server.stubs.reset();
  }

  HttpResponse<Buffer> get(String uri, String cookie) {
    var request = server.client.get(uri);
    if (cookie != null) {
      request.putHeader("Cookie", "demdex=" + cookie);
    }
    return request.send().await();
  }

  @Test
  void ibsShouldRecordTheSyncAndRedirectToAnAllowedHostWithTheUuid() {
    HttpResponse<Buffer> r =
        get(
            "/ibs:dpid=9001&dpuuid=partner-42&redir="
                + "https%3A%2F%2Fsync.partner.example%2Fdone%3Fu%3D%24%7BDD_UUID%7D",
            KNOWN);

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.getHeader("Location")).isEqualTo("https://sync.partner.example/done?u=" + KNOWN);
    assertThat(server.stubs.received(Addresses.ID_SYNC)).hasSize(1);
    JsonObject sync = server.stubs.received(Addresses.ID_SYNC).get(0);
    assertThat(sync.getString("uuid")).isEqualTo(KNOWN);
    assertThat(sync.getInteger("dpid")).isEqualTo(9001);
    assertThat(sync.getString("dpuuid")).isEqualTo("partner-42");
    assertThat(sync.getLong("timeoutMs")).isPositive();
    assertThat(server.stubs.received(Addresses.PARTNER_SYNC_POLICY).get(0))
        .isEqualTo(
            new JsonObject()
                .put("dpid", 9001)
                .put("redir", "https://sync.partner.example/done?u=${DD_UUID}"));
  }

  @Test
  void ibsShouldAnswerAPixelWithAnErrorWhenTheRedirectHostIsNotAllowed() {
    HttpResponse<Buffer> r =
        get("/ibs:dpid=9001&dpuuid=p1&redir=https%3A%2F%2Fevil.example%2F%24%7BDD_UUID%7D", KNOWN);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Location")).isNull();
    assertThat(r.getHeader("Content-Type")).isEqualTo("image/gif");
    assertThat(r.getHeader("X-Error")).isEqualTo("0");
    assertThat(server.stubs.received(Addresses.ID_SYNC)).hasSize(1);
  }

  @Test
  void ibsWithoutCookieShouldMintAUuidAndSetTheCookie() {
    HttpResponse<Buffer> r = get("/ibs?dpid=9001&dpuuid=p1", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("image/gif");
    String cookie = EventCompatibilityTest.visitorCookie(r);
    assertThat(cookie).matches("demdex=[1-9][0-9]{37};.*");
    String uuid = cookie.substring(7, 45);
    assertThat(server.stubs.received(Addresses.ID_SYNC).get(0).getString("uuid")).isEqualTo(uuid);
  }

  @Test
  void ibsShouldAcceptTheDeclaredIdForm() {
    HttpResponse<Buffer> r = get("/ibs:d_cid=123%01987", KNOWN);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("X-Error")).isNull();
    JsonObject sync = server.stubs.received(Addresses.ID_SYNC).get(0);
    assertThat(sync.getInteger("dpid")).isEqualTo(123);
    assertThat(sync.getString("dpuuid")).isEqualTo("987");
  }

  @Test
  void ibsWithBadEncodingShouldSyncNothingAndReportError311() {
    HttpResponse<Buffer> r = get("/ibs:dpid=9001&dpuuid=%zz", KNOWN);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("X-Error")).isEqualTo("311");
    assertThat(server.stubs.totalReceived()).isZero();
  }

  @Test
  void ibsShouldKeepAnUnencodedRedirectInTheColonForm() {
    HttpResponse<Buffer> r =
        get("/ibs:dpid=9001&dpuuid=p9&redir=https://sync.partner.example/x?u=${DD_UUID}", KNOWN);

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.getHeader("Location")).isEqualTo("https://sync.partner.example/x?u=" + KNOWN);
  }

  @Test
  void ibsWithoutDpidShouldSyncNothingAndReportError300() {
    HttpResponse<Buffer> r = get("/ibs:dpuuid=abc", KNOWN);

    assertThat(r.getHeader("X-Error")).isEqualTo("300");
    assertThat(server.stubs.totalReceived()).isZero();
  }

  @Test
  void optOutShouldStopEveryLaterCallWithError171AndNoPartnerOrRealizeCall() {
    HttpResponse<Buffer> optOut = get("/demoptout.jpg", KNOWN);
    assertThat(optOut.statusCode()).isEqualTo(200);
    assertThat(optOut.getHeader("Content-Type")).isEqualTo("image/gif");
    assertThat(server.stubs.received(Addresses.PROFILE_OPTOUT).get(0).getString("uuid"))
        .isEqualTo(KNOWN);

    HttpResponse<Buffer> event = get("/event?d_rtbd=json&c_category=shoes", KNOWN);

    assertThat(event.statusCode()).isEqualTo(200);
    assertThat(event.getHeader("X-Error")).isEqualTo("171");
    JsonObject body = event.bodyAsJsonObject();
    assertThat(body.getString("tid")).hasSize(12);
    body.remove("tid");
    assertThat(body)
        .isEqualTo(
            new JsonObject(
                "{\"uuid\":\""
                    + KNOWN
                    + "\",\"dcs_region\":7,\"errors\":[{\"code\":171,"
                    + "\"msg\":\"visitor is opted out\"}]}"));
    assertThat(EventCompatibilityTest.visitorCookie(event)).isNull();
    assertThat(server.stubs.received(Addresses.PARTNER_LOOKUP)).isEmpty();
    assertThat(server.stubs.received(Addresses.PROFILE_REALIZE)).isEmpty();
  }

  @Test
  void optOutByDeclaredIdShouldStopCallsCarryingThatId() {
    String proof = EventCompatibilityTest.sig(20915, "AB-12");
    get("/demoptout.jpg?d_cid=20915%01AB-12" + proof, null);
    assertThat(server.stubs.received(Addresses.PROFILE_OPTOUT).get(0).getJsonArray("declaredIds"))
        .hasSize(1);

    HttpResponse<Buffer> event = get("/event?d_cid=20915%01AB-12" + proof, null);

    assertThat(event.getHeader("X-Error")).isEqualTo("171");
    assertThat(server.stubs.received(Addresses.PARTNER_LOOKUP)).isEmpty();
    assertThat(server.stubs.received(Addresses.PROFILE_REALIZE)).isEmpty();
  }

  @Test
  void anUnprovenDeclaredIdShouldOptNobodyOutAndBeReported() {
    HttpResponse<Buffer> r = get("/demoptout.jpg?d_cid=20915%01AB-12", null);

    assertThat(r.getHeader("X-Error")).contains("300");
    assertThat(server.stubs.received(Addresses.PROFILE_OPTOUT)).isEmpty();
  }

  @Test
  void optOutWithoutAnyIdShouldSendNothing() {
    HttpResponse<Buffer> r = get("/demoptout.jpg", null);

    assertThat(r.getHeader("X-Error")).isEqualTo("0");
    assertThat(server.stubs.totalReceived()).isZero();
  }

  @Test
  void optOutThatCannotBeRecordedShouldAnswer503() {
    server.stubs.fail(Addresses.PROFILE_OPTOUT, 503);

    HttpResponse<Buffer> r = get("/demoptout.jpg?d_uuid=" + KNOWN, null);

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("X-Error")).isEqualTo("0");
  }
}
