package io.rtdcs.partner.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch over a real socket pair: a client that stops reading, a clock moved by hand. */
class SlowReaderWatchTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aWriteQueueFullForTheTimeoutShouldBeReportedOnceAndOneThatDrainsNever() throws Exception {
    CompletableFuture<NetSocket> accepted = new CompletableFuture<>();
    NetServer server = vertx.createNetServer().connectHandler(accepted::complete);
    server.listen(0, "127.0.0.1").await();
    MutableClock clock = new MutableClock();
    AtomicInteger slow = new AtomicInteger();
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.actualPort())) {
      NetSocket socket = accepted.get(10, TimeUnit.SECONDS);
      socket.setWriteQueueMaxSize(16 * 1024);
      SlowReaderWatchProbe probe = new SlowReaderWatchProbe(socket, clock, slow);

      assertThat(probe.check()).isFalse();
      // the client reads nothing: fill kernel buffers and the queue
      byte[] chunk = new byte[64 * 1024];
      for (int i = 0; i < 400 && !probe.queueFull(); i++) {
        vertx.runOnContext(v -> socket.write(io.vertx.core.buffer.Buffer.buffer(chunk)));
        Thread.sleep(2);
      }
      assertThat(probe.queueFull()).isTrue();
      assertThat(probe.check()).as("first sight of a full queue").isFalse();
      clock.advance(999);
      assertThat(probe.check()).isFalse();
      clock.advance(1);
      assertThat(probe.check()).isTrue();
      assertThat(probe.check()).as("reported once").isFalse();
      assertThat(slow).hasValue(1);

      // a reader that catches up: the queue drains, the full time starts again
      SlowReaderWatchProbe second = new SlowReaderWatchProbe(socket, clock, slow);
      assertThat(second.check()).isFalse();
      InputStream in = client.getInputStream();
      byte[] sink = new byte[256 * 1024];
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (second.queueFull() && System.nanoTime() < deadline) {
        in.read(sink);
      }
      clock.advance(5_000);
      assertThat(second.check()).isFalse();
      assertThat(slow).hasValue(1);
    }
  }

  /** Runs the watch's checks on the socket's event loop, as its timer does. */
  private final class SlowReaderWatchProbe {
    private final NetSocket socket;
    private final SlowReaderWatch watch;

    SlowReaderWatchProbe(NetSocket socket, Clock clock, AtomicInteger slow) {
      this.socket = socket;
      this.watch = new SlowReaderWatch(socket, clock, 1_000, slow::incrementAndGet);
    }

    boolean check() throws Exception {
      return onLoop(watch::check);
    }

    boolean queueFull() throws Exception {
      return onLoop(socket::writeQueueFull);
    }

    private boolean onLoop(java.util.function.BooleanSupplier s) throws Exception {
      CompletableFuture<Boolean> r = new CompletableFuture<>();
      vertx.runOnContext(v -> r.complete(s.getAsBoolean()));
      return r.get(10, TimeUnit.SECONDS);
    }
  }

  private static final class MutableClock extends Clock {
    private volatile long millis = 1_000_000;

    void advance(long ms) {
      millis += ms;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
