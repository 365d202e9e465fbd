package io.rtdcs.partner.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class BridgeAccessPolicyTest {
  private static final String TOKEN = "partner-9101-token-xyz";
  private final BridgeAccessPolicy policy = new BridgeAccessPolicy(Map.of(9101, TOKEN));

  @Test
  void aPartnerShouldRegisterOnItsOwnAddressWithItsToken() {
    assertThat(allowed(BridgeEventType.REGISTER, register("dcs.partner.9101", TOKEN))).isTrue();
  }

  @Test
  void registrationShouldBeRefusedWithoutTheRightTokenOrOnAnyOtherAddress() {
    assertThat(allowed(BridgeEventType.REGISTER, register("dcs.partner.9101", TOKEN + "x")))
        .isFalse();
    assertThat(allowed(BridgeEventType.REGISTER, register("dcs.partner.9101", null))).isFalse();
    assertThat(
            allowed(
                BridgeEventType.REGISTER,
                new JsonObject().put("address", "dcs.partner.9101").put("headers", "token")))
        .isFalse();
    assertThat(allowed(BridgeEventType.REGISTER, register("dcs.partner.9102", TOKEN))).isFalse();
    assertThat(allowed(BridgeEventType.REGISTER, register("dcs.partners.lookup", TOKEN))).isFalse();
    assertThat(allowed(BridgeEventType.REGISTER, register("dcs.partner.09101", TOKEN))).isFalse();
    assertThat(allowed(BridgeEventType.REGISTER, register(null, TOKEN))).isFalse();
  }

  @Test
  void aSecondRegistrationOfTheSameAddressOnOneConnectionShouldBeRefused() {
    BridgeAccessPolicy.Decision d =
        policy.check(
            BridgeEventType.REGISTER,
            register("dcs.partner.9101", TOKEN),
            Set.of("dcs.partner.9101"));
    assertThat(d.allowed()).isFalse();
    assertThat(d.reason()).contains("already registered");
  }

  @Test
  void onlyRepliesShouldBeSent() {
    JsonObject reply =
        new JsonObject().put("address", "__vertx.reply.42").put("body", new JsonObject());
    assertThat(allowed(BridgeEventType.SEND, reply)).isTrue();
    assertThat(allowed(BridgeEventType.SEND, reply.copy().put("failureCode", 500))).isTrue();
    assertThat(allowed(BridgeEventType.SEND, reply.copy().put("failureCode", "500"))).isFalse();
    assertThat(allowed(BridgeEventType.SEND, reply.copy().put("replyAddress", "mine"))).isFalse();
    assertThat(allowed(BridgeEventType.SEND, new JsonObject().put("address", "dcs.partner.9101")))
        .isFalse();
    assertThat(allowed(BridgeEventType.PUBLISH, reply)).isFalse();
  }

  @Test
  void unregisterShouldOnlyTouchWhatTheConnectionRegistered() {
    JsonObject frame = new JsonObject().put("address", "dcs.partner.9101");
    assertThat(policy.check(BridgeEventType.UNREGISTER, frame, Set.of()).allowed()).isFalse();
    assertThat(
            policy.check(BridgeEventType.UNREGISTER, frame, Set.of("dcs.partner.9101")).allowed())
        .isTrue();
  }

  @Property
  void noAddressOutsideTheRepliesShouldEverBeSentOrPublishedTo(@ForAll String address) {
    JsonObject frame = new JsonObject().put("address", address).put("body", "x");
    assertThat(allowed(BridgeEventType.PUBLISH, frame)).isFalse();
    if (!address.startsWith(BridgeAccessPolicy.REPLY_PREFIX)) {
      assertThat(allowed(BridgeEventType.SEND, frame)).isFalse();
    }
    if (!address.equals("dcs.partner.9101")) {
      assertThat(allowed(BridgeEventType.REGISTER, register(address, TOKEN))).isFalse();
    }
  }

  private boolean allowed(BridgeEventType type, JsonObject frame) {
    return policy.check(type, frame, Set.of()).allowed();
  }

  private static JsonObject register(String address, String token) {
    JsonObject headers = new JsonObject();
    if (token != null) {
      headers.put("token", token);
    }
    return new JsonObject().put("type", "register").put("address", address).put("headers", headers);
  }
}
