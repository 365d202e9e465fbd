package io.rtdcs.segment.store;

import java.util.Arrays;

/**
 * The calls (by transaction id) whose realization a profile already holds: the idempotency keys
 * that let the DCS retry a realize call, and Hazelcast retry an operation after a member loss,
 * without counting an event twice. Kept {@link #KEEP_MILLIS} (well beyond the DCS's longest retry
 * window, {@code collection.retryForMs} at most 5 minutes) and at most {@link #MAX_CALLS} per
 * profile, newest last; a retry of a call older than that could count again (docs/profiles.md).
 */
public final class AppliedCalls {
  public static final long KEEP_MILLIS = 10 * 60 * 1000L;
  public static final int MAX_CALLS = 2048;

  /**
   * The keys and when each was applied (epoch millis), oldest first, in {@code [0, size)}: two
   * primitive arrays rather than a map of boxed longs, since every realize unpacks the window (it
   * was 4 % of a node's allocation under load). A window holds at most {@link #MAX_CALLS}: a linear
   * scan is cheaper than hashing it.
   */
  private long[] keys = new long[0];

  private long[] appliedAt = new long[0];
  private int size;

  /** The 64-bit idempotency key of a transaction id (FNV-1a); 0 for none. */
  public static long key(String tid) {
    if (tid == null || tid.isEmpty()) {
      return 0;
    }
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < tid.length(); i++) {
      h ^= tid.charAt(i);
      h *= 0x100000001b3L;
    }
    return h == 0 ? 1 : h;
  }

  public boolean contains(long key) {
    return key != 0 && indexOf(key) >= 0;
  }

  /** Records {@code key} as applied at {@code now}, dropping what is past the window or the cap. */
  public void record(long key, long now) {
    if (key == 0) {
      return;
    }
    prune(now);
    int i = indexOf(key);
    if (i >= 0) {
      removeAt(i);
    }
    if (size == MAX_CALLS) {
      removeAt(0); // the oldest
    }
    if (size == keys.length) {
      int capacity = Math.min(MAX_CALLS, Math.max(4, size * 2));
      keys = Arrays.copyOf(keys, capacity);
      appliedAt = Arrays.copyOf(appliedAt, capacity);
    }
    keys[size] = key;
    appliedAt[size] = now;
    size++;
  }

  /** Drops the keys applied more than {@link #KEEP_MILLIS} before {@code now}. */
  public void prune(long now) {
    int expired = 0;
    while (expired < size && now - appliedAt[expired] > KEEP_MILLIS) {
      expired++; // application order: the expired ones are a prefix
    }
    if (expired > 0) {
      System.arraycopy(keys, expired, keys, 0, size - expired);
      System.arraycopy(appliedAt, expired, appliedAt, 0, size - expired);
      size -= expired;
    }
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public void clear() {
    size = 0;
  }

  private int indexOf(long key) {
    for (int i = size - 1; i >= 0; i--) { // a retry is of a recent call
      if (keys[i] == key) {
        return i;
      }
    }
    return -1;
  }

  private void removeAt(int i) {
    System.arraycopy(keys, i + 1, keys, i, size - i - 1);
    System.arraycopy(appliedAt, i + 1, appliedAt, i, size - i - 1);
    size--;
  }

  /** Packed: count, then (key, lastSeen - appliedAt) pairs, oldest first. */
  byte[] pack(long lastSeen) {
    VarBytes.Writer w = new VarBytes.Writer();
    w.unsigned(size);
    for (int i = 0; i < size; i++) {
      w.signed(keys[i]).signed(lastSeen - appliedAt[i]);
    }
    return w.toBytes();
  }

  void unpack(VarBytes.Reader r, long lastSeen) {
    if (!r.hasMore()) {
      return;
    }
    int n = r.unsignedInt();
    if (n < 0 || n > MAX_CALLS) {
      throw new IllegalArgumentException("profile with " + n + " applied calls");
    }
    int capacity = Math.min(MAX_CALLS, n + 1); // room for this call's own key
    keys = new long[capacity];
    appliedAt = new long[capacity];
    size = 0;
    for (int i = 0; i < n; i++) {
      keys[size] = r.signed(); // a packed window never repeats a key: no lookup per key
      appliedAt[size] = lastSeen - r.signed();
      size++;
    }
  }
}
