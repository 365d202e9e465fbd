package io.rtdcs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
