package io.rtdcs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private final AtomicLong now =
      new AtomicLong(Instant.parse("2026-11-29T10:00:00Z").toEpochMilli());
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(now.get());
        }
      };

  @Test
  void remainingShouldShrinkWithTheClockAndNeverGoNegative() {
    Deadline d = Deadline.in(clock, 150);
    assertThat(d.remaining()).isEqualTo(150);
    now.addAndGet(100);
    assertThat(d.remaining()).isEqualTo(50);
    assertThat(d.expired()).isFalse();
    now.addAndGet(500);
    assertThat(d.remaining()).isZero();
    assertThat(d.expired()).isTrue();
  }

  @Test
  void remainingMinusShouldKeepTheReserveForLaterSteps() {
    Deadline d = Deadline.in(clock, 150);
    assertThat(d.remainingMinus(40)).isEqualTo(110);
    now.addAndGet(120);
    assertThat(d.remainingMinus(40)).isZero();
  }
}
