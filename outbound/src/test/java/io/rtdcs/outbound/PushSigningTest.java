package io.rtdcs.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.HmacSigner;
import org.junit.jupiter.api.Test;

/** AAM's signing test vector (reference 4.2) and the message time format. */
class PushSigningTest {

  @Test
  void theSignatureShouldMatchAudienceManagersTestVector() {
    assertThat(
            new HmacSigner("HmacSHA1", "sample_partner_private_key").sign("POST message content"))
        .isEqualTo("+wFdR/afZNoVqtGl8/e1KJ4ykPU=");
  }

  @Test
  void timesShouldReadLikeAudienceManagersProcessTime() {
    assertThat(PushMessage.time(1_469_636_262_000L)).isEqualTo("Wed Jul 27 16:17:42 UTC 2016");
  }
}
