package io.rtdcs.partner.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BridgeConnectionGateTest {
  @Test
  void connectionsShouldBeLetInUpToBothLimitsAndCountedOutOnClose() {
    BridgeConnectionGate gate = new BridgeConnectionGate(3, 2);

    assertThat(gate.tryOpen("10.0.0.1")).isTrue();
    assertThat(gate.tryOpen("10.0.0.1")).isTrue();
    assertThat(gate.tryOpen("10.0.0.1")).as("per address").isFalse();
    assertThat(gate.tryOpen("10.0.0.2")).isTrue();
    assertThat(gate.tryOpen("10.0.0.3")).as("in all").isFalse();
    assertThat(gate.open()).isEqualTo(3);

    gate.closed("10.0.0.1");
    assertThat(gate.tryOpen("10.0.0.3")).isTrue();
    // a close that was never let in changes nothing
    gate.closed("10.9.9.9");
    assertThat(gate.open()).isEqualTo(3);
  }
}
