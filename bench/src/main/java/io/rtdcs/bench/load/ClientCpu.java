package io.rtdcs.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The CPU this JVM (the load's client) used since {@link #start()}, against the wall time: on a
 * machine whose cores the client shares with the server it measures, what it took from the server.
 */
final class ClientCpu {
  private final long cpuNanos;
  private final long wallNanos;

  private ClientCpu(long cpuNanos, long wallNanos) {
    this.cpuNanos = cpuNanos;
    this.wallNanos = wallNanos;
  }

  static ClientCpu start() {
    return new ClientCpu(processCpuNanos(), System.nanoTime());
  }

  /** CPU time used per wall time since the start, in percent of one core; -1 when unknown. */
  double percentOfACore() {
    long cpu = processCpuNanos();
    long wall = System.nanoTime() - wallNanos;
    if (cpu < 0 || cpuNanos < 0 || wall <= 0) {
      return -1;
    }
    return Math.round(1000.0 * (cpu - cpuNanos) / wall) / 10.0;
  }

  private static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime()
        : -1;
  }
}
