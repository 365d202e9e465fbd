package io.rtdcs.partner.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.partner.definition.PartnerDefinition;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeTokensTest {
  private static PartnerDefinition partner(int dpid, String token, boolean enabled) {
    return PartnerDefinition.fromJson(
        new JsonObject()
            .put("dpid", dpid)
            .put("type", "eventbus")
            .put("enabled", enabled)
            .put("bridge", new JsonObject().put("token", token)));
  }

  @Test
  void aDefinitionsTokenShouldWinOverTheConfigsAndEveryChangeShouldBeNamed() {
    BridgeTokens tokens = new BridgeTokens(Map.of(9101, "config-token-9101-xx"));
    assertThat(tokens.apply(9101)).isEqualTo("config-token-9101-xx");
    assertThat(tokens.apply(9102)).isNull();

    assertThat(tokens.update(List.of(partner(9102, "defined-token-9102-x", true)))).isEmpty();
    assertThat(tokens.apply(9102)).isEqualTo("defined-token-9102-x");

    // the definition's token replaces the config's: 9101's clients must register again
    assertThat(
            tokens.update(
                List.of(
                    partner(9101, "defined-token-9101-x", true),
                    partner(9102, "defined-token-9102-x", true))))
        .containsExactly(9101);
    assertThat(tokens.apply(9101)).isEqualTo("defined-token-9101-x");

    // disabled or deleted: no token any more (9101 falls back to the config's)
    assertThat(tokens.update(List.of(partner(9102, "defined-token-9102-x", false))))
        .containsExactlyInAnyOrder(9101, 9102);
    assertThat(tokens.apply(9102)).isNull();
    assertThat(tokens.apply(9101)).isEqualTo("config-token-9101-xx");
    assertThat(tokens.dpids()).containsExactly(9101);
  }

  @Test
  void thePolicyShouldCheckTheTokenThatHoldsWhenAClientRegisters() {
    BridgeTokens tokens = new BridgeTokens(Map.of());
    BridgeAccessPolicy policy = new BridgeAccessPolicy(tokens);
    JsonObject register =
        new JsonObject()
            .put("address", "dcs.partner.9103")
            .put("headers", new JsonObject().put("token", "defined-token-9103-x"));

    assertThat(
            policy
                .check(io.vertx.ext.bridge.BridgeEventType.REGISTER, register, java.util.Set.of())
                .allowed())
        .isFalse();
    tokens.update(List.of(partner(9103, "defined-token-9103-x", true)));
    assertThat(
            policy
                .check(io.vertx.ext.bridge.BridgeEventType.REGISTER, register, java.util.Set.of())
                .allowed())
        .isTrue();
  }
}
