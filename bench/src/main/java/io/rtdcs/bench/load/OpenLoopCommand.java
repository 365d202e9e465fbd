package io.rtdcs.bench.load;

import io.rtdcs.bench.Args;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * {@link OpenLoopMain}'s command line, read and checked: the load's options, the rates to run, the
 * warm-up, and the capacity probe's options when {@code --find-capacity} is given.
 */
final class OpenLoopCommand {
  static final String DEFAULT_TEMPLATE = "/event?d_rtbd=json&c_category=shoes&d_uuid=%UUID%";
  static final String USAGE =
      String.join(
          "\n",
          "usage: java -cp rtdcs-bench.jar io.rtdcs.bench.load.OpenLoopMain [options]",
          "  --url URL[,URL...]        base URL(s), calls in turn (http://127.0.0.1:8280)",
          "  --rate R[,R...]           calls/s; one run and one JSON line per rate (100)",
          "  --duration S              seconds of each run (10)",
          "  --warmup S                seconds climbing to the first rate, not measured (0)",
          "  --pause S                 seconds of rest before each run after the first (2)",
          "  --visitors N              returning visitors, those of scripts/bench.d/event.lua (20000)",
          "  --visitor-order O         random | in-turn, for %UUID% (random)",
          "  --path-template T         path with %UUID% and %INDEX% (" + DEFAULT_TEMPLATE + ")",
          "  --mix event               event.lua's calls instead of a template",
          "  --seed N                  randomness of visitors and mix (42)",
          "  --connections N           pooled connections per URL (256)",
          "  --timeout-ms N            a call's client timeout from when it is sent (2000)",
          "  --degradation-codes L     errors[].code that make a 200 degraded (200,201,202)",
          "  --find-capacity           find the highest rate whose answered p99 <= bound, nothing",
          "                            refused or failed: doubling from --start-rate (200) up to",
          "                            --max-rate (100000), then --bisect (3) steps, each --step S",
          "                            seconds (5) after --pause; bound --p99-bound-ms (150)",
          "Prints one JSON line per run (or one for --find-capacity) on stdout, the rest on stderr.");

  private static final Set<String> KNOWN =
      Set.of(
          "url",
          "rate",
          "duration",
          "warmup",
          "pause",
          "visitors",
          "visitor-order",
          "path-template",
          "mix",
          "seed",
          "connections",
          "timeout-ms",
          "degradation-codes",
          "find-capacity",
          "start-rate",
          "max-rate",
          "bisect",
          "step",
          "p99-bound-ms",
          "help");

  final OpenLoopOptions load;
  final List<Double> rates;
  final Duration duration;
  final Duration warmup;
  final Duration pause;
  final CapacityProbeOptions probe;
  final boolean help;

  private OpenLoopCommand(Args args) {
    args.refuseUnknown(KNOWN);
    help = args.flag("help");
    duration = seconds(args, "duration", 10);
    warmup = seconds(args, "warmup", 0);
    pause = seconds(args, "pause", 2);
    rates = new ArrayList<>();
    for (String rate : list(args.string("rate", "100"))) {
      rates.add(new Args(new String[] {"--rate", rate}).decimal("rate", 0));
    }
    load =
        new OpenLoopOptions()
            .setTargets(list(args.string("url", "http://127.0.0.1:8280")))
            .setRatePerSecond(rates.get(0))
            .setDuration(duration.isZero() ? Duration.ofSeconds(1) : duration)
            .setPathFactory(paths(args))
            .setMaxConnections(args.integer("connections", 256))
            .setCallTimeout(Duration.ofMillis(args.integer("timeout-ms", 2000)))
            .setDegradationCodes(codes(args.string("degradation-codes", "200,201,202")));
    for (double rate : rates) {
      new OpenLoopOptions().setRatePerSecond(rate).setDuration(duration);
    }
    probe =
        args.flag("find-capacity")
            ? new CapacityProbeOptions()
                .setStartRate(args.decimal("start-rate", CapacityProbeOptions.DEFAULT_START_RATE))
                .setMaxRate(args.decimal("max-rate", CapacityProbeOptions.DEFAULT_MAX_RATE))
                .setBisectSteps(args.integer("bisect", CapacityProbeOptions.DEFAULT_BISECT_STEPS))
                .setStepDuration(seconds(args, "step", 5))
                .setPause(pause)
                .setP99Bound(Duration.ofMillis(args.integer("p99-bound-ms", 150)))
                .validate()
            : null;
  }

  static OpenLoopCommand parse(String[] argv) {
    return new OpenLoopCommand(new Args(argv));
  }

  private static LongFunction<String> paths(Args args) {
    VisitorPool visitors = new VisitorPool(args.integer("visitors", 20_000));
    long seed = args.integer("seed", 42);
    String mix = args.string("mix", null);
    if (mix != null) {
      if (args.has("path-template")) {
        throw new IllegalArgumentException("--mix and --path-template: one or the other");
      }
      if (!mix.equals("event")) {
        throw new IllegalArgumentException("--mix: only 'event' is known, got " + mix);
      }
      return new EventCallMix(visitors, seed);
    }
    String order = args.string("visitor-order", "random");
    if (!order.equals("random") && !order.equals("in-turn")) {
      throw new IllegalArgumentException("--visitor-order: random or in-turn, got " + order);
    }
    return new PathTemplate(
        args.string("path-template", DEFAULT_TEMPLATE), visitors, order.equals("random"), seed);
  }

  private static Duration seconds(Args args, String name, double dflt) {
    double s = args.decimal(name, dflt);
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException("--" + name + ": seconds >= 0, got " + s);
    }
    return Duration.ofMillis(Math.round(s * 1000));
  }

  private static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    for (String item : csv.split(",")) {
      if (!item.isBlank()) {
        out.add(item.trim());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("expected a comma-separated list, got '" + csv + "'");
    }
    return out;
  }

  private static Set<Integer> codes(String csv) {
    Set<Integer> out = new HashSet<>();
    if (csv.isBlank()) {
      return out;
    }
    for (String code : list(csv)) {
      try {
        out.add(Integer.parseInt(code));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--degradation-codes: not a code: " + code, e);
      }
    }
    return out;
  }
}
