package io.rtdcs.partner.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.time.Clock;

/**
 * Disconnects a bridge client that does not read what the node sends it: the socket's write queue
 * (bounded by {@code bridge.writeQueueMaxBytes}) is checked on a timer, and a queue that has stayed
 * full for {@code bridge.slowReaderTimeoutMs} closes the connection instead of buffering without
 * end. The close is the caller's: it must drop what is queued (a plain {@code NetSocket.close()}
 * waits behind the queue that will never drain). One instance per connection, on its event loop.
 */
final class SlowReaderWatch {
  private final NetSocket socket;
  private final Clock clock;
  private final long timeoutMs;
  private final Runnable onSlowReader;
  private long fullSinceMs = -1;
  private boolean closed;

  SlowReaderWatch(NetSocket socket, Clock clock, long timeoutMs, Runnable onSlowReader) {
    this.socket = socket;
    this.clock = clock;
    this.timeoutMs = timeoutMs;
    this.onSlowReader = onSlowReader;
  }

  /** Starts watching; returns the timer id to cancel when the connection closes. */
  static long start(
      Vertx vertx, NetSocket socket, Clock clock, long timeoutMs, Runnable onSlowReader) {
    SlowReaderWatch watch = new SlowReaderWatch(socket, clock, timeoutMs, onSlowReader);
    long periodMs = Math.max(20, Math.min(1_000, timeoutMs / 4));
    return vertx.setPeriodic(periodMs, id -> watch.check());
  }

  /** One look at the write queue; true when it found a slow reader (and ran the callback). */
  boolean check() {
    if (closed) {
      return false;
    }
    if (!socket.writeQueueFull()) {
      fullSinceMs = -1;
      return false;
    }
    long now = clock.millis();
    if (fullSinceMs < 0) {
      fullSinceMs = now;
      return false;
    }
    if (now - fullSinceMs < timeoutMs) {
      return false;
    }
    closed = true;
    onSlowReader.run();
    return true;
  }
}
