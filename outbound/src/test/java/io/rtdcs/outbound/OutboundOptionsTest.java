package io.rtdcs.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtdcs.segment.outbound.OutboxOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class OutboundOptionsTest {

  @Test
  void theOutboundSectionShouldNameAWrongTypeOrRange() {
    assertThatThrownBy(() -> OutboundOptions.fromJson(new JsonObject().put("scanMs", "fast")))
        .hasMessage("outbound.scanMs: expected an integer, was fast");
    assertThatThrownBy(() -> OutboundOptions.fromJson(new JsonObject().put("timeoutMs", 10)))
        .hasMessage("outbound.timeoutMs: must be 50..3000, was 10");
    assertThatThrownBy(() -> OutboxOptions.fromJson(new JsonObject().put("maxQueued", 1.5)))
        .hasMessage("outbound.maxQueued: expected an integer, was 1.5");
    assertThat(OutboundOptions.fromJson(new JsonObject().put("maxInFlight", 8)).maxInFlight())
        .isEqualTo(8);
    assertThat(OutboundOptions.fromJson(null))
        .isEqualTo(OutboundOptions.fromJson(new JsonObject()));
  }
}
