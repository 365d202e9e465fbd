package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.Addresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gdpr / gdpr_consent on /event and /ibs: TCF v2 decoded, storage consent enforced. */
class ConsentTest {
  static final int VENDOR = 755;
  static final int CMP = 10;
  static DcsServer server;

  @BeforeAll
  static void start() {
    server =
        new DcsServer(
            new JsonObject()
                .put("consent", new JsonObject().put("vendorId", VENDOR))
                .put("consent.cmpIds", new JsonArray().add(CMP).add(11))
                .put("consent.deletedCmpIds", new JsonArray().add(11)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.stubs.reset();
  }

  static String granted() {
    return ConsentStrings.tcf(CMP, new int[] {1, 2, 3}, VENDOR);
  }

  static HttpResponse<Buffer> event(String query) {
    return server.client.get("/event?d_rtbd=json&c_category=shoes&" + query).send().await();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonArray codes(HttpResponse<Buffer> r) {
    JsonArray out = new JsonArray();
    for (Object e : r.bodyAsJsonObject().getJsonArray("errors", new JsonArray())) {
      out.add(((JsonObject) e).getInteger("code"));
    }
    return out;
  }

  @Test
  void grantedConsentShouldProcessTheCallAndForwardTheConsentToPartners() {
    String tc = granted();

    HttpResponse<Buffer> r = event("gdpr=1&gdpr_consent=" + enc(tc));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("segments").getList()).containsExactly(5001);
    assertThat(r.getHeader("X-Error")).isNull();
    assertThat(server.stubs.received(Addresses.PARTNER_LOOKUP).get(0).getJsonObject("consent"))
        .isEqualTo(new JsonObject().put("gdpr", 1).put("gdprConsent", tc));
    assertThat(server.stubs.received(Addresses.PROFILE_REALIZE)).hasSize(1);
  }

  @Test
  void refusedStorageShouldStoreNothingCallNoPartnerAndAnswer315() {
    String noStorage = ConsentStrings.tcf(CMP, new int[] {2, 3}, VENDOR);

    HttpResponse<Buffer> r = event("gdpr=1&gdpr_consent=" + enc(noStorage));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(codes(r).getList()).containsExactly(315);
    assertThat(r.getHeader("X-Error")).isEqualTo("315");
    assertThat(r.getHeader("Set-Cookie")).isNull();
    assertThat(r.bodyAsJsonObject().containsKey("segments")).isFalse();
    assertThat(server.stubs.totalReceived()).isZero();
  }

  @Test
  void consentWithoutOurVendorShouldBeRefused() {
    String otherVendor = ConsentStrings.tcf(CMP, new int[] {1, 2}, VENDOR + 1);

    HttpResponse<Buffer> r = event("gdpr=1&gdpr_consent=" + enc(otherVendor));

    assertThat(codes(r).getList()).containsExactly(315);
    assertThat(server.stubs.totalReceived()).isZero();
  }

  @Test
  void aMalformedStringShouldBeAnErrorNeverA5xx() {
    for (String bad : new String[] {"not-a-tcf-string", "CO", "%%%", "A".repeat(2000), "B"}) {
      HttpResponse<Buffer> r = event("gdpr=1&gdpr_consent=" + enc(bad));

      assertThat(r.statusCode()).as(bad).isEqualTo(200);
      assertThat(codes(r).getList()).as(bad).containsExactly(315);
    }
    assertThat(server.stubs.totalReceived()).isZero();
  }

  @Test
  void gdprWithoutAConsentStringShouldBeRefused() {
    assertThat(codes(event("gdpr=1")).getList()).containsExactly(315);
    assertThat(server.stubs.totalReceived()).isZero();
  }

  @Test
  void gdprZeroShouldNotCheckTheString() {
    HttpResponse<Buffer> r = event("gdpr=0&gdpr_consent=garbage");

    assertThat(r.getHeader("X-Error")).isNull();
    assertThat(server.stubs.received(Addresses.PROFILE_REALIZE)).hasSize(1);
  }

  @Test
  void aCmpOutsideTheListShouldBe313AndADeletedCmp314() {
    String unlisted = ConsentStrings.tcf(99, new int[] {1}, VENDOR);
    String deleted = ConsentStrings.tcf(11, new int[] {1}, VENDOR);

    assertThat(codes(event("gdpr=1&gdpr_consent=" + enc(unlisted))).getList()).containsExactly(313);
    assertThat(codes(event("gdpr=1&gdpr_consent=" + enc(deleted))).getList()).containsExactly(314);
    assertThat(server.stubs.totalReceived()).isZero();
  }

  @Test
  void ibsWithoutConsentShouldRecordNothing() {
    String noStorage = ConsentStrings.tcf(CMP, new int[] {2}, VENDOR);

    HttpResponse<Buffer> refused =
        server
            .client
            .get("/ibs:dpid=9001&dpuuid=abc&gdpr=1&gdpr_consent=" + enc(noStorage))
            .send()
            .await();
    HttpResponse<Buffer> granted =
        server
            .client
            .get("/ibs:dpid=9001&dpuuid=abc&gdpr=1&gdpr_consent=" + enc(granted()))
            .send()
            .await();

    assertThat(refused.getHeader("X-Error")).isEqualTo("315");
    assertThat(refused.getHeader("Set-Cookie")).isNull();
    assertThat(granted.getHeader("X-Error")).isNull();
    assertThat(server.stubs.received(Addresses.ID_SYNC)).hasSize(1);
  }
}
