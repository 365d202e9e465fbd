package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.Addresses;
import io.rtdcs.contract.LookupRequest;
import io.rtdcs.contract.RealizeRequest;
import io.rtdcs.contract.ResolveRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dcs verticle sends the three requests of an /event as the contract's records
 * (docs/event-bus.md, "Typed and JSON forms") and reads the replies in either form: the records
 * rtdcs's verticles send, or the JSON an implementation in another language sends.
 */
class TypedMessagesTest {
  static final String UUID = ContractStubs.KNOWN_UUID;
  static DcsServer server;

  @BeforeAll
  static void start() {
    server = new DcsServer(new JsonObject());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.stubs.reset();
  }

  private static JsonObject call() {
    return server
        .client
        .get("/event?d_rtbd=json&d_uuid=" + UUID + "&c_category=shoes&p_email=a@b.c&d_sid=3001")
        .send()
        .await()
        .bodyAsJsonObject();
  }

  @Test
  void theRequestsOfAnEventShouldTravelAsRecords() {
    call();

    assertThat(server.stubs.bodyTypes(Addresses.PROFILE_RESOLVE))
        .containsExactly(ResolveRequest.class);
    assertThat(server.stubs.bodyTypes(Addresses.PARTNER_LOOKUP))
        .containsExactly(LookupRequest.class);
    assertThat(server.stubs.bodyTypes(Addresses.PROFILE_REALIZE))
        .containsExactly(RealizeRequest.class);
    // the private signal reaches the rules, never a partner
    assertThat(
            server
                .stubs
                .received(Addresses.PARTNER_LOOKUP)
                .get(0)
                .getJsonObject("signals")
                .fieldNames())
        .contains("c_category")
        .doesNotContain("p_email");
    assertThat(
            server
                .stubs
                .received(Addresses.PROFILE_REALIZE)
                .get(0)
                .getJsonObject("signals")
                .fieldNames())
        .contains("c_category", "p_email");
  }

  @Test
  void typedAndJsonRepliesShouldGiveTheSameAnswer() {
    JsonObject fromJson = call();
    server.stubs.reset();
    server.stubs.replyTyped();

    JsonObject fromRecords = call();

    assertThat(fromRecords.getJsonArray("segments")).isNotEmpty();
    assertThat(fromRecords.getJsonArray("traits")).contains(3001);
    assertThat(fromRecords.getJsonArray("stuff")).isNotEmpty();
    assertThat(fromRecords.getJsonArray("ibs")).isNotEmpty();
    fromRecords.remove("tid"); // each call's own
    fromJson.remove("tid");
    assertThat(fromRecords).isEqualTo(fromJson);
  }

  /**
   * A resolve reply is read defensively: a uuid the dcs verticle would not mint (38 digits) is not
   * taken, even though the contract's own check takes 1 to 38 digits; the call keeps its own.
   */
  @Test
  void aResolveReplyWithAShortUuidShouldNotNameTheVisitor() {
    server.stubs.reply(
        Addresses.PROFILE_RESOLVE,
        req ->
            new JsonObject()
                .put("uuid", "12345")
                .put("known", true)
                .put("optedOut", false)
                .put("syncedIds", new JsonObject())
                .put("partnerCache", new JsonObject()));

    assertThat(call().getString("uuid")).isEqualTo(UUID);
  }
}
