package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtdcs.contract.DeclaredIdentity;
import io.rtdcs.dcs.request.DeclaredIdProof;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The declared-ID proof: HMAC-SHA256 per data source, trusted callers, and its config checks. */
class DeclaredIdProofTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "server-to-server-token-0123456789abc";
  private final DeclaredIdProof proof = new DeclaredIdProof(Map.of(777, SECRET), List.of(TOKEN));

  @Test
  void aSignatureShouldProveOnlyItsIdUnderItsDataSourcesSecret() {
    // what a site's server computes: printf %s crm-alice | openssl dgst -sha256 -hmac SECRET
    assertThat(DeclaredIdProof.sign(SECRET, "crm-alice"))
        .isEqualTo("d95d8c7457932bc638af4e2aa42bc0857210ca2db918bc09bfb22d1ec495416f");
    String sig = DeclaredIdProof.sign(SECRET, "crm-alice");

    assertThat(proof.proves(777, "crm-alice", sig)).isTrue();
    assertThat(proof.proves(777, "crm-alice", sig.toUpperCase())).isTrue();
    assertThat(proof.proves(777, "crm-bob", sig)).isFalse();
    assertThat(proof.proves(778, "crm-alice", sig)).as("no secret for 778").isFalse();
    assertThat(proof.proves(777, "crm-alice", sig.substring(1))).isFalse();
    assertThat(proof.proves(777, "crm-alice", "zz" + sig.substring(2))).isFalse();
    assertThat(proof.proves(777, "crm-alice", null)).isFalse();
  }

  @Test
  void markShouldProveSignedIdsOrEveryIdOfATrustedCaller() {
    List<DeclaredIdentity> ids =
        List.of(
            new DeclaredIdentity(777, "crm-alice", 1, false),
            new DeclaredIdentity(777, "crm-bob", 0, false));
    String aliceSig = "777\u0001" + DeclaredIdProof.sign(SECRET, "crm-alice");

    assertThat(proof.mark(ids, List.of(aliceSig), null))
        .extracting(DeclaredIdentity::proven)
        .containsExactly(true, false);
    assertThat(proof.mark(ids, List.of(), "Bearer " + TOKEN))
        .extracting(DeclaredIdentity::proven)
        .containsExactly(true, true);
    assertThat(proof.mark(ids, List.of(), "Bearer " + TOKEN + "x"))
        .extracting(DeclaredIdentity::proven)
        .containsExactly(false, false);
    assertThat(DeclaredIdProof.NONE.mark(ids, List.of(aliceSig), "Bearer " + TOKEN))
        .extracting(DeclaredIdentity::proven)
        .containsExactly(false, false);
  }

  @Test
  void optionsShouldRefuseShortSecretsAndTokensAndBadOrigins() {
    assertThatThrownBy(
            () ->
                new DcsOptions(
                    new JsonObject()
                        .put(
                            "declaredIds",
                            new JsonObject().put("secrets", new JsonObject().put("777", "short")))))
        .hasMessageContaining("declaredIds.secrets.777")
        .hasMessageNotContaining("short");
    assertThatThrownBy(
            () ->
                new DcsOptions(
                    new JsonObject()
                        .put(
                            "declaredIds",
                            new JsonObject().put("secrets", new JsonObject().put("x", SECRET)))))
        .hasMessageContaining("not a data source id");
    assertThatThrownBy(
            () ->
                new DcsOptions(
                    new JsonObject()
                        .put(
                            "declaredIds",
                            new JsonObject()
                                .put("callerTokens", new io.vertx.core.json.JsonArray().add("t")))))
        .hasMessageContaining("declaredIds.callerTokens");
    assertThatThrownBy(
            () ->
                new DcsOptions(
                    new JsonObject()
                        .put(
                            "jsonp",
                            new JsonObject()
                                .put(
                                    "origins",
                                    new io.vertx.core.json.JsonArray().add("shop.example/x")))))
        .hasMessageContaining("jsonp.origins");
  }
}
