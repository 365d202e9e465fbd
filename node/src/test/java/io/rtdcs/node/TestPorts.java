package io.rtdcs.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for tests, and a Hazelcast port base away from 5701 (a dev node may run
 * there).
 */
final class TestPorts {
  private TestPorts() {}

  static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
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
