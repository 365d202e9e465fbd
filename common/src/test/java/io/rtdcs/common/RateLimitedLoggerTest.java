package io.rtdcs.common;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLoggerTest {

  @Test
  void shouldLogOncePerIntervalAndReportWhatItHeldBack() {
    Logger logger = (Logger) LoggerFactory.getLogger("rate-limited-test");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    AtomicLong now = new AtomicLong(Instant.parse("2026-11-29T10:00:00Z").toEpochMilli());
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(now.get());
          }
        };
    RateLimitedLogger limited = new RateLimitedLogger(logger, clock, 1000);

    for (int i = 0; i < 1000; i++) {
      limited.warn("partner {} failed", 9001);
    }
    assertThat(appender.list).hasSize(1);
    now.addAndGet(1000);
    limited.warn("partner {} failed", 9001);

    assertThat(appender.list).hasSize(2);
    assertThat(appender.list.get(1).getFormattedMessage())
        .isEqualTo("(999 similar lines suppressed) partner 9001 failed");
  }
}
