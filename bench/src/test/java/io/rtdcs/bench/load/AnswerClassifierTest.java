package io.rtdcs.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Served, degraded, refused, failed, from the status and the JSON {@code errors}. */
class AnswerClassifierTest {
  private final AnswerClassifier classifier =
      new AnswerClassifier(OpenLoopOptions.DEFAULT_DEGRADATION_CODES);

  private static AnswerBody body(String json) {
    return AnswerBody.parse(Buffer.buffer(json));
  }

  @Test
  void a200WithoutADegradationCodeShouldBeServed() {
    assertThat(classifier.classify(200, body("{\"errors\":[]}"))).isEqualTo(CallClass.SERVED);
    assertThat(classifier.classify(200, body("{\"errors\":[{\"code\":311}]}")))
        .isEqualTo(CallClass.SERVED);
    assertThat(classifier.classify(200, AnswerBody.EMPTY)).isEqualTo(CallClass.SERVED);
  }

  @Test
  void a200WithADegradationCodeShouldBeDegraded() {
    for (int code : new int[] {200, 201, 202}) {
      assertThat(
              classifier.classify(
                  200, body("{\"errors\":[{\"code\":0},{\"code\":" + code + ",\"msg\":\"x\"}]}")))
          .isEqualTo(CallClass.DEGRADED);
    }
    AnswerClassifier only201 = new AnswerClassifier(Set.of(201));
    assertThat(only201.classify(200, body("{\"errors\":[{\"code\":200}]}")))
        .isEqualTo(CallClass.SERVED);
  }

  @Test
  void a429ShouldBeRefusedAndAnyOtherStatusFailed() {
    assertThat(classifier.classify(429, AnswerBody.EMPTY)).isEqualTo(CallClass.REFUSED);
    assertThat(classifier.classify(500, body("{\"errors\":[{\"code\":201}]}")))
        .isEqualTo(CallClass.FAILED);
    assertThat(classifier.classify(404, AnswerBody.EMPTY)).isEqualTo(CallClass.FAILED);
  }

  @Test
  void retryAfterShouldBeReadInSecondsOnly() {
    assertThat(AnswerClassifier.retryAfterSeconds("3")).isEqualTo(3);
    assertThat(AnswerClassifier.retryAfterSeconds(" 1 ")).isEqualTo(1);
    assertThat(AnswerClassifier.retryAfterSeconds(null)).isEqualTo(-1);
    assertThat(AnswerClassifier.retryAfterSeconds("Wed, 21 Oct 2026 07:28:00 GMT")).isEqualTo(-1);
  }

  @Test
  void withoutACodeInItABodyNeedNotBeParsedToBeClassified() {
    assertThat(AnswerBody.parseIfErrors(Buffer.buffer("{\"uuid\":\"1\",\"errors\":[]}")))
        .isEqualTo(AnswerBody.EMPTY);
    assertThat(
            AnswerBody.parseIfErrors(Buffer.buffer("{\"errors\":[{\"code\":202}]}")).errorCodes())
        .containsExactly(202);
  }

  @Test
  void theBodyShouldBeReadLenientlyWithMissingFieldsEmpty() {
    AnswerBody full =
        body(
            "{\"uuid\":\"123\",\"tid\":\"t\",\"stuff\":[],\"dests\":[],\"traits\":[1001,\"2001\",\"x\"],"
                + "\"segments\":[5001],\"errors\":[{\"code\":201,\"msg\":\"busy\"},\"junk\"]}");
    assertThat(full.uuid()).isEqualTo("123");
    assertThat(full.traits()).containsExactly(1001L, 2001L);
    assertThat(full.segments()).containsExactly(5001L);
    assertThat(full.errorCodes()).containsExactly(201);

    assertThat(body("{}")).isEqualTo(AnswerBody.EMPTY);
    assertThat(body("{\"uuid\":7,\"traits\":{},\"errors\":\"none\"}")).isEqualTo(AnswerBody.EMPTY);
    assertThat(body("not json")).isEqualTo(AnswerBody.EMPTY);
    assertThat(body("{\"broken\":")).isEqualTo(AnswerBody.EMPTY);
    assertThat(AnswerBody.parse(Buffer.buffer())).isEqualTo(AnswerBody.EMPTY);
    assertThat(AnswerBody.parse(null)).isEqualTo(AnswerBody.EMPTY);
  }
}
