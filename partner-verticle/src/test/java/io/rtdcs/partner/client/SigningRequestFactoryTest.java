package io.rtdcs.partner.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.HmacSigner;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The signing decorator signs exactly what AAM signs: POST the body bytes, GET path and query. */
class SigningRequestFactoryTest {

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
