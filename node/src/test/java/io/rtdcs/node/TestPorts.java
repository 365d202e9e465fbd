package io.rtdcs.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for tests, and a Hazelcast port base away from 5701 (a dev node may run
 * there). Ports come from 10000-32767, below Linux's ephemeral range (32768-60999): a port that the
 * kernel handed out for {@code new ServerSocket(0)} could be taken by an outgoing connection's
 * local port before the node bound it (a fault-suite node died at start with "Address already in
 * use" in one run of ten), and a node restarted on its old port would race the same way. A port is
 * handed out once per JVM.
 */
final class TestPorts {
  private static final java.util.Set<Integer> HANDED_OUT =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private TestPorts() {}

  static int free() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 10_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(22_768);
      if (HANDED_OUT.contains(port)) {
        continue;
      }
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        continue;
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in 10000-32767");
  }

  /** A Hazelcast base port with {@code count} free ports after it, in 6000-6900. */
  static int freeClusterBase(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 6000 + 20 * (int) (Math.random() * 45);
      boolean ok = true;
      for (int p = base; p < base + count && ok; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          ok = false;
        }
      }
      if (ok) {
        return base;
      }
    }
    throw new IllegalStateException("no free cluster port range");
  }
}
