package io.rtdcs.common;

import java.time.Clock;
import java.util.Objects;

/** An absolute deadline; every hop asks it for the time left and uses that as its timeout. */
public final class Deadline {
  private final Clock clock;
  private final long deadlineMillis;

  private Deadline(Clock clock, long deadlineMillis) {
    this.clock = clock;
    this.deadlineMillis = deadlineMillis;
  }

  public static Deadline in(Clock clock, long budgetMillis) {
    Objects.requireNonNull(clock, "clock");
    return new Deadline(clock, clock.millis() + budgetMillis);
  }

  /** Milliseconds left, never below zero. */
  public long remaining() {
    return Math.max(0, deadlineMillis - clock.millis());
  }

  /** What is left after keeping {@code reserveMillis} for later steps, never below zero. */
  public long remainingMinus(long reserveMillis) {
    return Math.max(0, remaining() - reserveMillis);
  }

  public boolean expired() {
    return remaining() == 0;
  }

  public long deadlineMillis() {
    return deadlineMillis;
  }
}
