package io.rtdcs.common;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs at most one line per interval and counts what it held back, so a dead partner or a flood of
 * bad input cannot flood the log (the idea of Prebid's ConditionalLogger).
 */
public final class RateLimitedLogger {
  private final Logger logger;
  private final Clock clock;
  private final long intervalMillis;
  private final AtomicLong nextAllowed = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();

  public RateLimitedLogger(Logger logger, Clock clock, long intervalMillis) {
    this.logger = Objects.requireNonNull(logger, "logger");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("intervalMillis must be > 0, was " + intervalMillis);
    }
    this.intervalMillis = intervalMillis;
  }

  public RateLimitedLogger(Logger logger, long intervalMillis) {
    this(logger, Clock.systemUTC(), intervalMillis);
  }

  /** Warns with SLF4J placeholders if the interval has passed; returns whether it logged. */
  public boolean warn(String format, Object... args) {
    long now = clock.millis();
    long next = nextAllowed.get();
    if (now < next || !nextAllowed.compareAndSet(next, now + intervalMillis)) {
      suppressed.incrementAndGet();
      return false;
    }
    long held = suppressed.getAndSet(0);
    if (held > 0) {
      logger.warn("({} similar lines suppressed) " + format, prepend(held, args));
    } else {
      logger.warn(format, args);
    }
    return true;
  }

  public long suppressedCount() {
    return suppressed.get();
  }

  private static Object[] prepend(long held, Object[] args) {
    Object[] all = new Object[args.length + 1];
    all[0] = held;
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }
}
