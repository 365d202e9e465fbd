package io.rtdcs.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Intended start times t0 + i / rate and the calls due at a time, without a clock. */
class ArrivalScheduleTest {
  private static final long T0 = 1_000_000_000L;

  @Test
  void aRunShouldHoldCeilOfRateTimesDurationCalls() {
    assertThat(ArrivalSchedule.callCount(200, Duration.ofSeconds(1))).isEqualTo(200);
    assertThat(ArrivalSchedule.callCount(1000, Duration.ofSeconds(15))).isEqualTo(15_000);
    assertThat(ArrivalSchedule.callCount(3, Duration.ofMillis(500))).isEqualTo(2);
    assertThat(ArrivalSchedule.callCount(0.1, Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(ArrivalSchedule.callCount(333.3, Duration.ofSeconds(3))).isEqualTo(1000);
  }

  @Test
  void callsShouldBeDueAtStartPlusIndexOverRate() {
    ArrivalSchedule s = new ArrivalSchedule(T0, 1000, Duration.ofSeconds(1));

    assertThat(s.intendedStartNanos(0)).isEqualTo(T0);
    assertThat(s.intendedStartNanos(1)).isEqualTo(T0 + 1_000_000);
    assertThat(s.intendedStartNanos(999)).isEqualTo(T0 + 999_000_000);
    assertThat(s.dueBy(T0 - 1)).isZero();
    assertThat(s.dueBy(T0)).isEqualTo(1);
    assertThat(s.dueBy(T0 + 999_999)).isEqualTo(1);
    assertThat(s.dueBy(T0 + 1_000_000)).isEqualTo(2);
    assertThat(s.dueBy(T0 + 500_000_000)).isEqualTo(501);
    // never more than the run holds, however late
    assertThat(s.dueBy(T0 + 60_000_000_000L)).isEqualTo(1000);
  }

  @Test
  void dueByShouldAgreeWithTheIntendedStartsAtAnOddRate() {
    ArrivalSchedule s = new ArrivalSchedule(T0, 333.3, Duration.ofSeconds(3));
    for (long i = 0; i < s.calls(); i++) {
      long at = s.intendedStartNanos(i);
      assertThat(s.dueBy(at)).as("due at call %d's start", i).isEqualTo(i + 1);
      assertThat(s.dueBy(at - 1)).as("due just before call %d's start", i).isEqualTo(i);
    }
  }

  @Test
  void aRateOfZeroShouldBeRefused() {
    assertThatThrownBy(() -> new ArrivalSchedule(T0, 0, Duration.ofSeconds(1)))
        .hasMessageContaining("rate");
  }
}
