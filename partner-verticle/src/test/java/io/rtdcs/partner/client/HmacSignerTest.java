package io.rtdcs.partner.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Signing exactly as Audience Manager signs outbound calls (reference section 4.2). */
class HmacSignerTest {

  @Test
  void signerShouldReproduceThePublishedAudienceManagerTestVector() {
    HmacSigner signer = new HmacSigner("HmacSHA1", "sample_partner_private_key");

    assertThat(signer.sign("POST message content".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("+wFdR/afZNoVqtGl8/e1KJ4ykPU=");
  }

  @Test
  void signerShouldSupportSha256AndMd5() {
    assertThat(
            new HmacSigner("HmacSHA256", "key").sign("The quick brown fox jumps over the lazy dog"))
        .isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    assertThat(new HmacSigner("HmacMD5", "key").sign("The quick brown fox jumps over the lazy dog"))
        .isEqualTo("gAcHE0Y+d0m5DC3CSRHidQ==");
  }

  @Test
  void unknownAlgorithmShouldBeRejectedNamingTheField() {
    assertThatThrownBy(() -> new HmacSigner("HmacNope", "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("signing.algorithm: ");
  }

  @Test
  void postRequestShouldBeSignedOverTheExactBodyBytesSent() {
    HmacSigner signer = new HmacSigner("HmacSHA1", "sample_partner_private_key");
    PartnerRequestFactory factory =
        new SigningRequestFactory(
            new JsonPostRequestFactory("http://p.example/lookup?x=1"), signer, "X-Signature");

    OutboundRequest request = factory.create(call());

    assertThat(request.headers().get("X-Signature"))
        .isEqualTo(signer.sign(request.body().getBytes()));
  }

  @Test
  void getRequestShouldBeSignedOverPathAndQueryOnly() {
    HmacSigner signer = new HmacSigner("HmacSHA1", "sample_partner_private_key");
    PartnerRequestFactory factory =
        new SigningRequestFactory(
            new GetTemplateRequestFactory(
                "https://p.example:8443/from-aam-s2s?sids=1,2,3&u=${UUID}"),
            signer,
            "X-Sig");

    OutboundRequest request = factory.create(call());

    assertThat(request.pathAndQuery()).isEqualTo("/from-aam-s2s?sids=1,2,3&u=uuid-1");
    assertThat(request.headers().get("X-Sig"))
        .isEqualTo(signer.sign("/from-aam-s2s?sids=1,2,3&u=uuid-1"));
  }

  private static PartnerCall call() {
    return new PartnerCall(9001, "uuid-1", null, new JsonObject(), 50, "tid", null);
  }
}
