package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.Addresses;
import io.rtdcs.dcs.flow.PartnerPresence;
import io.rtdcs.dcs.request.DeclaredIdProof;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One store round trip when no partner is asked (docs/event-bus.md, {@code dcs.partners.lookup}'s
 * {@code partners}): once a lookup reply says the partner verticle asks no partner, a returning
 * visitor named by its uuid alone is realized directly, without a resolve or a lookup, and the
 * realize asks the store to read the device's identities itself; after {@link
 * PartnerPresence#QUIET_MS} one call asks again.
 */
class PartnerPresenceFlowTest {
  static final String UUID = ContractStubs.KNOWN_UUID;
  static final String SECRET = "0123456789abcdef0123456789abcdef";
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
  static DcsServer server;

  @BeforeAll
  static void start() {
    server =
        new DcsServer(
            new JsonObject()
                .put(
                    "declaredIds",
                    new JsonObject().put("secrets", new JsonObject().put("777", SECRET))),
            CLOCK);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.stubs.reset();
    CLOCK.advance(Duration.ofMillis(PartnerPresence.QUIET_MS)); // the last test's reply expired
  }

  private static JsonObject call(String uri) {
    return server.client.get(uri).send().await().bodyAsJsonObject();
  }

  private static void partnersAsked(int count) {
    server.stubs.reply(
        Addresses.PARTNER_LOOKUP,
        req ->
            new JsonObject()
                .put("outcomes", new JsonArray())
                .put("ibs", new JsonArray())
                .put("partners", count));
  }

  private static int received(String address) {
    return server.stubs.received(address).size();
  }

  @Test
  void withNoPartnerToAskAReturningVisitorShouldBeRealizedInOneHop() {
    partnersAsked(0);
    call("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=shoes"); // learns: no partner

    JsonObject body = call("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=boots");

    assertThat(body.getString("uuid")).isEqualTo(UUID);
    assertThat(body.getJsonArray("segments")).containsExactly(5001);
    assertThat(received(Addresses.PROFILE_RESOLVE)).isEqualTo(1);
    assertThat(received(Addresses.PARTNER_LOOKUP)).isEqualTo(1);
    assertThat(received(Addresses.PROFILE_REALIZE)).isEqualTo(2);
    JsonObject first = server.stubs.received(Addresses.PROFILE_REALIZE).get(0);
    JsonObject second = server.stubs.received(Addresses.PROFILE_REALIZE).get(1);
    assertThat(first.containsKey("readIdentities")).isFalse(); // resolved: identities passed on
    assertThat(second.getBoolean("readIdentities")).isTrue();
    assertThat(second.getString("uuid")).isEqualTo(UUID);
    assertThat(second.getJsonObject("signals").getJsonArray("c_category")).containsExactly("boots");
  }

  @Test
  void aVisitorTheRealizeFindsOptedOutShouldGetTheOptOutAnswer() {
    partnersAsked(0);
    call("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=shoes");
    server.stubs.reply(
        Addresses.PROFILE_REALIZE,
        req -> new JsonObject().put("uuid", req.getString("uuid")).put("optedOut", true));

    JsonObject body = call("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=boots");

    assertThat(received(Addresses.PROFILE_RESOLVE)).isEqualTo(1);
    assertThat(body.getJsonArray("errors").getJsonObject(0).getInteger("code")).isEqualTo(171);
    assertThat(body.containsKey("segments")).isFalse();
  }

  @Test
  void afterTheQuietTimeOneCallShouldAskThePartnersAgain() {
    partnersAsked(0);
    call("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=shoes");
    call("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=shoes");
    partnersAsked(1); // a partner defined meanwhile

    CLOCK.advance(Duration.ofMillis(PartnerPresence.QUIET_MS));
    call("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=shoes");
    call("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=shoes");

    assertThat(received(Addresses.PROFILE_RESOLVE)).isEqualTo(3);
    assertThat(received(Addresses.PARTNER_LOOKUP)).isEqualTo(3);
  }

  @Test
  void aLookupReplyWithoutTheCountShouldLeaveEveryCallAskingThePartners() {
    // the stub's default reply has no "partners" (another implementation of the contract)
    for (int i = 0; i < 3; i++) {
      call("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=shoes");
    }

    assertThat(received(Addresses.PROFILE_RESOLVE)).isEqualTo(3);
    assertThat(received(Addresses.PARTNER_LOOKUP)).isEqualTo(3);
    assertThat(server.stubs.received(Addresses.PROFILE_REALIZE))
        .allSatisfy(r -> assertThat(r.containsKey("readIdentities")).isFalse());
  }

  @Test
  void aCallWithAProvenDeclaredIdShouldStillBeResolved() {
    partnersAsked(0);
    call("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=shoes");
    String sig = DeclaredIdProof.sign(SECRET, "crm-alice");

    call("/event?d_rtbd=json&d_uuid=" + UUID + "&d_cid=777%01crm-alice&d_cid_sig=777%01" + sig);

    // the declared ID may name another profile, or an opted-out one: only resolve can tell
    assertThat(received(Addresses.PROFILE_RESOLVE)).isEqualTo(2);
    assertThat(received(Addresses.PARTNER_LOOKUP)).isEqualTo(1);
    JsonObject resolve = server.stubs.received(Addresses.PROFILE_RESOLVE).get(1);
    assertThat(resolve.getJsonArray("declaredIds").getJsonObject(0).getBoolean("proven")).isTrue();
  }

  @Test
  void aNewVisitorShouldNeedNoLookupEither() {
    partnersAsked(0);
    call("/event?d_rtbd=json&c_category=shoes");

    JsonObject body = call("/event?d_rtbd=json&c_category=shoes");

    assertThat(body.getString("uuid")).isNotBlank();
    assertThat(received(Addresses.PARTNER_LOOKUP)).isEqualTo(1);
    assertThat(received(Addresses.PROFILE_RESOLVE)).isZero();
    // a new profile: nothing to read
    assertThat(
            server.stubs.received(Addresses.PROFILE_REALIZE).get(1).containsKey("readIdentities"))
        .isFalse();
  }
}
