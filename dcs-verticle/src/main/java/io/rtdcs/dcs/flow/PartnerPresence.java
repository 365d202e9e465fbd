package io.rtdcs.dcs.flow;

import io.rtdcs.contract.LookupReply;
import java.time.Clock;
import java.util.Objects;

/**
 * Whether a call can have partners to ask, learnt from the lookup replies: a reply that says the
 * partner verticle asks no partner ({@code "partners": 0}, docs/event-bus.md) lets this dcs
 * instance skip the lookup, and with it the resolve of a cookie visitor (which only the partner
 * step needs), for {@link #QUIET_MS} ms; then one call asks again. A partner defined meanwhile is
 * asked within that time. A reply without the count (another implementation of the contract)
 * changes nothing: every call asks. One per dcs verticle instance, used on its event loop.
 */
public final class PartnerPresence {
  /** How long a reply without partners holds. */
  public static final long QUIET_MS = 1_000;

  private final Clock clock;
  private long noneUntil = Long.MIN_VALUE;

  public PartnerPresence(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** False while the last lookup reply said no partner is asked (for {@link #QUIET_MS} ms). */
  public boolean mayAsk() {
    return clock.millis() >= noneUntil;
  }

  /** Reads a lookup reply's partner count. */
  public void observe(LookupReply reply) {
    if (reply.partners() == 0) {
      noneUntil = clock.millis() + QUIET_MS;
    } else if (reply.partners() > 0) {
      noneUntil = Long.MIN_VALUE;
    }
  }
}
