package io.rtdcs.dcs.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * First handler of every route: times {@code /event} from arrival to the last byte written ({@code
 * rtdcs_event_seconds}, histogram) and counts the Audience Manager error codes of every answer's
 * {@code X-Error} header ({@code rtdcs_errors_total{code}}); publishes the budget the latency is
 * held to ({@code rtdcs_event_budget_seconds}).
 */
public final class HttpMetricsHandler implements Handler<RoutingContext> {
  private final MeterRegistry registry;
  private final Timer event;
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();

  public HttpMetricsHandler(MeterRegistry registry, long budgetMs) {
    this.registry = Objects.requireNonNull(registry, "registry");
    double budgetSeconds = budgetMs / 1000.0;
    Gauge.builder("rtdcs.event.budget", () -> budgetSeconds)
        .description("dcs.budgetMs: the hard deadline of one /event call")
        .baseUnit("seconds")
        .register(registry);
    this.event =
        Timer.builder("rtdcs.event")
            .description("/event latency, from the request's arrival to the answer's last byte")
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(2))
            .register(registry);
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean isEvent = "/event".equals(ctx.request().path());
    long start = isEvent ? System.nanoTime() : 0;
    ctx.addHeadersEndHandler(
        v -> {
          String codes = ctx.response().headers().get("X-Error");
          if (codes != null) {
            count(codes);
          }
        });
    if (isEvent) {
      ctx.addEndHandler(v -> event.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }
    ctx.next();
  }

  private void count(String codes) {
    int from = 0;
    while (from <= codes.length()) {
      int comma = codes.indexOf(',', from);
      int to = comma < 0 ? codes.length() : comma;
      String code = codes.substring(from, to).trim();
      if (!code.isEmpty() && code.length() <= 4 && code.chars().allMatch(Character::isDigit)) {
        errors.computeIfAbsent(code, this::errorCounter).increment();
      }
      from = to + 1;
    }
  }

  private Counter errorCounter(String code) {
    return Counter.builder("rtdcs.errors")
        .description("Audience Manager error codes in answers (X-Error), by code")
        .tag("code", code)
        .register(registry);
  }
}
