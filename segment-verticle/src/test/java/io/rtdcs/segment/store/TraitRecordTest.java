package io.rtdcs.segment.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraitRecordTest {
  private static final long DAY = TraitRecord.DAY_MILLIS;
  private static final long T0 = Instant.parse("2026-01-10T12:00:00Z").toEpochMilli();
  private static final long DAY0 = TraitRecord.epochDay(T0);

  @Test
  void countsShouldBeExactForWindowsAndForEverythingBeforeADay() {
    TraitRecord t = new TraitRecord(1, T0, T0, 0, 120);
    t.realize(T0, 120, Long.MAX_VALUE, 7);
    t.realize(T0 + DAY, 120, Long.MAX_VALUE, 7);
    t.realize(T0 + DAY, 120, Long.MAX_VALUE, 7);
    t.realize(T0 + 3 * DAY, 120, Long.MAX_VALUE, 7);

    assertThat(t.count()).isEqualTo(4);
    assertThat(t.count(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(4);
    assertThat(t.count(DAY0 + 1, DAY0 + 3)).isEqualTo(3);
    assertThat(t.count(DAY0 + 1, DAY0 + 1)).isEqualTo(2);
    assertThat(t.count(Long.MIN_VALUE, DAY0 + 1)).isEqualTo(3);
    assertThat(t.count(Long.MIN_VALUE, DAY0 - 1)).isZero();
  }

  @Test
  void dayCountersShouldBeTrimmedToTheWindowWhileTheTotalStays() {
    TraitRecord t = new TraitRecord(1, T0, T0, 0, 120);
    for (int d = 0; d < 30; d++) {
      t.realize(T0 + d * DAY, 120, Long.MAX_VALUE, 7);
    }
    assertThat(t.dailyCounts()).hasSizeLessThanOrEqualTo(8);
    assertThat(t.count()).isEqualTo(30);
    t.trimDays(T0 + 29 * DAY, 0);
    assertThat(t.dailyCounts()).isEmpty();
  }

  @Test
  void ttlShouldRunFromTheLastRealization() {
    TraitRecord t = new TraitRecord(1, T0, T0, 0, 1);
    t.realize(T0, 1, Long.MAX_VALUE, 0);
    assertThat(t.isLive(T0 + DAY - 1)).isTrue();
    assertThat(t.isLive(T0 + DAY)).isFalse();
    t.realize(T0 + DAY / 2, 1, Long.MAX_VALUE, 0);
    assertThat(t.isLive(T0 + DAY)).isTrue();
    TraitRecord never = new TraitRecord(2, T0, T0, 0, 0);
    assertThat(never.isLive(Long.MAX_VALUE - 1)).isTrue();
  }
}
