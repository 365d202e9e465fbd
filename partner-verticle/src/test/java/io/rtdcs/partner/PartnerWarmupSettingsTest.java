package io.rtdcs.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When the warm-up calls latency settled, the percentiles it judges by, and its validation. */
class PartnerWarmupSettingsTest {
  private static final PartnerWarmupSettings SETTINGS = PartnerWarmupSettings.DEFAULT;

  @Test
  void aP90WithinTwentyPercentOfThePreviousShouldBeSettled() {
    BatchLatency previous = new BatchLatency(50, 5, 10);

    assertThat(SETTINGS.settled(previous, new BatchLatency(50, 5, 11.9))).isTrue();
    assertThat(SETTINGS.settled(previous, new BatchLatency(50, 5, 8.1))).isTrue();
    assertThat(SETTINGS.settled(previous, new BatchLatency(50, 5, 12.5))).isFalse();
    assertThat(SETTINGS.settled(previous, new BatchLatency(50, 3, 7.5))).isFalse();
  }

  @Test
  void aP90BelowTheFloorShouldBeSettledEvenOnTheFirstBatch() {
    assertThat(SETTINGS.settled(null, new BatchLatency(50, 1, 1.5))).isTrue();
    assertThat(SETTINGS.settled(null, new BatchLatency(50, 3, 4))).isFalse();
  }

  @Test
  void percentilesShouldBeNearestRank() {
    long[] nanos = new long[100];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (nanos.length - i) * 1_000_000L; // 100 ms down to 1 ms
    }

    BatchLatency latency = BatchLatency.of(nanos, 100);

    assertThat(latency.count()).isEqualTo(100);
    assertThat(latency.p50Ms()).isEqualTo(50.0);
    assertThat(latency.p90Ms()).isEqualTo(90.0);
    assertThat(BatchLatency.of(new long[] {3_000_000, 0}, 1).p90Ms()).isEqualTo(3.0);
    assertThat(BatchLatency.of(new long[4], 0).count()).isZero();
  }

  @Test
  void invalidSettingsShouldBeRefusedAtConstruction() {
    assertThatThrownBy(() -> SETTINGS.withPort(70_000)).hasMessageStartingWith("port:");
    assertThatThrownBy(() -> SETTINGS.withMaxDurationMs(0))
        .hasMessageStartingWith("maxDurationMs:");
    assertThatThrownBy(() -> SETTINGS.withAnswer(null)).hasMessageStartingWith("answer:");
    assertThatThrownBy(
            () -> new PartnerWarmupSettings(50, 51, 3, 600, 5_000, 0.2, 2, 1_000, 0, "{}"))
        .hasMessageStartingWith("concurrency:");
    assertThatThrownBy(() -> new PartnerWarmupSettings(50, 4, 3, 10, 5_000, 0.2, 2, 1_000, 0, "{}"))
        .hasMessageStartingWith("maxLookups:");
  }
}
