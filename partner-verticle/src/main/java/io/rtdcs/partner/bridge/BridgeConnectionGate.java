package io.rtdcs.partner.bridge;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the bridge's open connections, in all and per source address, and says whether one more
 * may open (no I/O). Every {@link #tryOpen} that returned true is matched by one {@link #closed}.
 */
final class BridgeConnectionGate {
  private final int maxConnections;
  private final int maxPerAddress;
  private final Map<String, Integer> perAddress = new HashMap<>();
  private int open;

  BridgeConnectionGate(int maxConnections, int maxPerAddress) {
    if (maxConnections < 1 || maxPerAddress < 1) {
      throw new IllegalArgumentException("connection limits must be at least 1");
    }
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
  }

  /** Counts a connection from {@code address} in, or returns false when a limit is reached. */
  synchronized boolean tryOpen(String address) {
    int fromAddress = perAddress.getOrDefault(address, 0);
    if (open >= maxConnections || fromAddress >= maxPerAddress) {
      return false;
    }
    open++;
    perAddress.put(address, fromAddress + 1);
    return true;
  }

  /** Counts a connection that {@link #tryOpen} let in out again. */
  synchronized void closed(String address) {
    Integer fromAddress = perAddress.get(address);
    if (fromAddress == null) {
      return;
    }
    open--;
    if (fromAddress <= 1) {
      perAddress.remove(address);
    } else {
      perAddress.put(address, fromAddress - 1);
    }
  }

  synchronized int open() {
    return open;
  }
}
