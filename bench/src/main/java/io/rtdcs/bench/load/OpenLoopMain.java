package io.rtdcs.bench.load;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Command line of the open-loop load ({@code scripts/bench} runs it for scenario 3):
 *
 * <pre>
 * java -cp bench/target/rtdcs-bench.jar io.rtdcs.bench.load.OpenLoopMain --url http://127.0.0.1:8280 \
 *   --rate 1000 --duration 15 --warmup 5 --visitors 20000 \
 *   --path-template '/event?d_rtbd=json&amp;c_category=shoes&amp;d_uuid=%UUID%'
 * </pre>
 *
 * One JSON line per rate on stdout ({@link OpenLoopResult#toJson()} and {@code client_cpu_pct}, the
 * CPU this client JVM used during the run in percent of one core), or one {@link
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
      warmUp(load, first, command.warmup, log);
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
        ClientCpu cpu = ClientCpu.start();
        OpenLoopResult result = load.run(command.rates.get(i), command.duration);
        double clientCpu = cpu.percentOfACore();
        print(log, "run", result);
        log.printf("open-loop: run: the client used %.1f %% of a core%n", clientCpu);
        out.println(result.toJson().put("client_cpu_pct", clientCpu).encode());
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    }
  }

  /**
   * A cold client and server given the full rate at once open a storm of connections and time out
   * for seconds: the warm-up climbs to the rate in four equal steps (25, 50, 75, 100 %).
   */
  private static void warmUp(OpenLoopLoad load, double rate, Duration warmup, PrintStream log) {
    Duration quarter = warmup.dividedBy(4);
    if (quarter.toMillis() < 1) {
      return;
    }
    for (int i = 1; i <= 4; i++) {
      double r = rate * i / 4;
      OpenLoopResult result = load.run(r, quarter);
      log.printf(
          "open-loop: warm-up %.1f/s for %s: %s%n", r, quarter, result.summaryLines().get(0));
    }
  }

  private static void print(PrintStream log, String what, OpenLoopResult result) {
    for (String line : result.summaryLines()) {
      log.println("open-loop: " + what + ": " + line);
    }
  }
}
