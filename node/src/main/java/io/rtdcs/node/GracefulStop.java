package io.rtdcs.node;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the node before the JVM's shutdown begins: the drain, the flush of what
 * waits to be written and the leave run while every library is still up, and only then does the JVM
 * exit. (Shutdown hooks run all at once: the embedded database's own hook would close the file
 * under the node's last writes.) A shutdown hook remains for any other exit.
 */
final class GracefulStop {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

  private final RtdcsNode node;
  private final AtomicBoolean signalled = new AtomicBoolean();

  private GracefulStop(RtdcsNode node) {
    this.node = node;
  }

  /** Installs the signal handlers and the fallback hook for {@code node}. */
  static void install(RtdcsNode node) {
    GracefulStop stop = new GracefulStop(node);
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), stop::onSignal);
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "stop: SIG{} cannot be handled here ({}); the shutdown hook stops the node",
            name,
            e.getMessage());
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stop::stopAndWait, "rtdcs-shutdown"));
  }

  private void onSignal(Signal signal) {
    if (!signalled.compareAndSet(false, true)) {
      return; // a second signal while stopping: the stop already runs
    }
    LOG.info("stop: SIG{} received, leaving the cluster", signal.getName());
    Thread t =
        new Thread(
            () -> {
              stopAndWait();
              System.exit(0);
            },
            "rtdcs-stop");
    t.start();
  }

  /**
   * Stops the node (once; a later call waits for the same stop), at most {@link RtdcsNode#STOP_MS}.
   */
  private void stopAndWait() {
    CountDownLatch done = new CountDownLatch(1);
    node.stop().onComplete(r -> done.countDown());
    try {
      if (!done.await(RtdcsNode.STOP_MS, TimeUnit.MILLISECONDS)) {
        LOG.warn("stop: not done after {} ms, exiting anyway", RtdcsNode.STOP_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
