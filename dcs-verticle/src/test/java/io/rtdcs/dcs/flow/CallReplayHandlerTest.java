package io.rtdcs.dcs.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.contract.RequestException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * What {@code dcs.calls.replay} accepts as a held call ({@link CollectedCall#fromJson}; the rest is
 * refused with 400).
 */
class CallReplayHandlerTest {

  @Test
  void aHeldCallShouldBeAccepted() {
    assertThat(invalid(new JsonObject().put("tid", "t").put("realize", obj()))).isNull();
    assertThat(
            invalid(
                new JsonObject()
                    .put("tid", "t")
                    .put("resolve", obj())
                    .put("realize", obj())
                    .put("uuid", "42")))
        .isNull();
  }

  @Test
  void anythingElseShouldBeRefusedNamingTheField() {
    assertThat(invalid("text")).isEqualTo("body: must be a JSON object");
    assertThat(invalid(new JsonObject().put("realize", obj()))).startsWith("tid:");
    assertThat(invalid(new JsonObject().put("tid", "").put("realize", obj()))).startsWith("tid:");
    assertThat(invalid(new JsonObject().put("tid", "t".repeat(65)).put("realize", obj())))
        .startsWith("tid:");
    assertThat(invalid(new JsonObject().put("tid", "t"))).isEqualTo("realize: must be an object");
    assertThat(invalid(new JsonObject().put("tid", "t").put("realize", obj()).put("resolve", "x")))
        .isEqualTo("resolve: must be an object");
    assertThat(invalid(new JsonObject().put("tid", "t").put("realize", obj()).put("uuid", 42)))
        .isEqualTo("uuid: must be a string");
  }

  /** Why {@code body} is not a held call, or null. */
  private static String invalid(Object body) {
    try {
      CollectedCall.fromJson(body);
      return null;
    } catch (RequestException e) {
      return e.getMessage();
    }
  }

  private static JsonObject obj() {
    return new JsonObject().put("uuid", "42");
  }
}
