package io.rtdcs.dcs.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link FormDecoder#first}: the one value the abuse limits read before the call is parsed. */
class FormDecoderFirstTest {

  @Test
  void theFirstPairOfTheKeyShouldBeFoundAndDecoded() throws Exception {
    assertThat(FormDecoder.first("d_uuid=42", "d_uuid")).isEqualTo("42");
    assertThat(FormDecoder.first("c_x=1&d_uuid=42&d_uuid=43", "d_uuid")).isEqualTo("42");
    assertThat(FormDecoder.first("c_x=1&d_uuid=%34%32", "d_uuid")).isEqualTo("42");
    assertThat(FormDecoder.first("d_uuid=", "d_uuid")).isEmpty();
  }

  @Test
  void aKeyThatOnlyStartsOrEndsLikeItShouldNotCount() throws Exception {
    assertThat(FormDecoder.first("xd_uuid=1&d_uuidx=2", "d_uuid")).isNull();
    assertThat(FormDecoder.first("c_d_uuid=1", "d_uuid")).isNull();
    assertThat(FormDecoder.first("d_uuid", "d_uuid")).isNull();
    assertThat(FormDecoder.first("", "d_uuid")).isNull();
    assertThat(FormDecoder.first(null, "d_uuid")).isNull();
    assertThat(FormDecoder.first("&&d_uuid=7&", "d_uuid")).isEqualTo("7");
  }

  @Test
  void aBadEscapeShouldBeABadEncoding() {
    assertThatThrownBy(() -> FormDecoder.first("d_uuid=%zz", "d_uuid"))
        .isInstanceOf(BadEncodingException.class);
  }
}
