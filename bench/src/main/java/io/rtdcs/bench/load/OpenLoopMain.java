package io.rtdcs.bench.load;

import java.io.PrintStream;

/**
 * Command line of the open-loop load ({@code scripts/bench} runs it for scenario 3):
 *
 * <pre>
 * java -cp bench/target/rtdcs-bench.jar io.rtdcs.bench.load.OpenLoopMain --url http://127.0.0.1:8280 \
 *   --rate 1000 --duration 15 --warmup 5 --visitors 20000 \
 *   --path-template '/event?d_rtbd=json&amp;c_category=shoes&amp;d_uuid=%UUID%'
 * </pre>
 *
 * One JSON line per rate on stdout ({@link OpenLoopResult#toJson()}), or one {@link
 * CapacityProbe.Estimate} with {@code --find-capacity}; readable lines on stderr. {@code --help}
 * lists the options. Exit status 2 on a bad command line.
 */
public final class OpenLoopMain {
  private OpenLoopMain() {}

  public static void main(String[] argv) {
    OpenLoopCommand command;
    try {
      command = OpenLoopCommand.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("open-loop: " + e.getMessage());
      System.err.println(OpenLoopCommand.USAGE);
      System.exit(2);
      return;
    }
    if (command.help) {
      System.out.println(OpenLoopCommand.USAGE);
      return;
    }
    PrintStream out = System.out;
    PrintStream log = System.err;
    try (OpenLoopLoad load = new OpenLoopLoad(command.load)) {
      double first = command.probe != null ? command.probe.getStartRate() : command.rates.get(0);
      if (!command.warmup.isZero()) {
        log.printf("open-loop: warm-up at %.1f/s for %s%n", first, command.warmup);
        print(log, "warm-up", load.run(first, command.warmup));
      }
      if (command.probe != null) {
        CapacityProbe.Estimate estimate =
            new CapacityProbe(command.probe)
                .find(
                    (rate, duration) -> {
                      OpenLoopResult r = load.run(rate, duration);
                      print(log, String.format("step %.1f/s", rate), r);
                      return r;
                    });
        for (CapacityProbe.Step step : estimate.steps()) {
          log.printf(
              "open-loop: %.1f/s %s%n",
              step.rate(), step.held() ? "held" : "did not hold: " + step.reason());
        }
        log.printf(
            "open-loop: capacity %.1f/s (answered p99 <= %d ms, nothing refused or failed)%n",
            estimate.capacity(), command.probe.getP99Bound().toMillis());
        out.println(estimate.toJson().encode());
        return;
      }
      for (int i = 0; i < command.rates.size(); i++) {
        if (i > 0) {
          Thread.sleep(command.pause.toMillis());
        }
        OpenLoopResult result = load.run(command.rates.get(i), command.duration);
        print(log, "run", result);
        out.println(result.toJson().encode());
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    }
  }

  private static void print(PrintStream log, String what, OpenLoopResult result) {
    for (String line : result.summaryLines()) {
      log.println("open-loop: " + what + ": " + line);
    }
  }
}
