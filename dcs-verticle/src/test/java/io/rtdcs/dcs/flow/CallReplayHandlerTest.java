package io.rtdcs.dcs.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** What {@code dcs.calls.replay} accepts as a held call (the rest is refused with 400). */
class CallReplayHandlerTest {

  @Test
  void aHeldCallShouldBeAccepted() {
    assertThat(CallReplayHandler.invalid(new JsonObject().put("tid", "t").put("realize", obj())))
        .isNull();
    assertThat(
            CallReplayHandler.invalid(
                new JsonObject()
                    .put("tid", "t")
                    .put("resolve", obj())
                    .put("realize", obj())
                    .put("uuid", "42")))
        .isNull();
  }

  @Test
  void anythingElseShouldBeRefusedNamingTheField() {
    assertThat(CallReplayHandler.invalid("text")).isEqualTo("body: must be a JSON object");
    assertThat(CallReplayHandler.invalid(new JsonObject().put("realize", obj())))
        .startsWith("tid:");
    assertThat(CallReplayHandler.invalid(new JsonObject().put("tid", "").put("realize", obj())))
        .startsWith("tid:");
    assertThat(
            CallReplayHandler.invalid(
                new JsonObject().put("tid", "t".repeat(65)).put("realize", obj())))
        .startsWith("tid:");
    assertThat(CallReplayHandler.invalid(new JsonObject().put("tid", "t")))
        .isEqualTo("realize: must be an object");
    assertThat(
            CallReplayHandler.invalid(
                new JsonObject().put("tid", "t").put("realize", obj()).put("resolve", "x")))
        .isEqualTo("resolve: must be an object");
    assertThat(
            CallReplayHandler.invalid(
                new JsonObject().put("tid", "t").put("realize", obj()).put("uuid", 42)))
        .isEqualTo("uuid: must be a string");
  }

  private static JsonObject obj() {
    return new JsonObject().put("uuid", "42");
  }
}
