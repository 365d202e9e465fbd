package io.rtdcs.segment.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /** key -> applied at (epoch millis), oldest first. */
  private final LinkedHashMap<Long, Long> calls = new LinkedHashMap<>();

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
    return key != 0 && calls.containsKey(key);
  }

  /** Records {@code key} as applied at {@code now}, dropping what is past the window or the cap. */
  public void record(long key, long now) {
    if (key == 0) {
      return;
    }
    prune(now);
    calls.remove(key);
    calls.put(key, now);
    while (calls.size() > MAX_CALLS) {
      Iterator<Long> oldest = calls.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Drops the keys applied more than {@link #KEEP_MILLIS} before {@code now}. */
  public void prune(long now) {
    Iterator<Map.Entry<Long, Long>> it = calls.entrySet().iterator();
    while (it.hasNext()) {
      if (now - it.next().getValue() > KEEP_MILLIS) {
        it.remove();
      } else {
        return; // insertion order is application order
      }
    }
  }

  public int size() {
    return calls.size();
  }

  public boolean isEmpty() {
    return calls.isEmpty();
  }

  public void clear() {
    calls.clear();
  }

  /** Packed: count, then (key, lastSeen - appliedAt) pairs, oldest first. */
  byte[] pack(long lastSeen) {
    VarBytes.Writer w = new VarBytes.Writer();
    w.unsigned(calls.size());
    for (Map.Entry<Long, Long> e : calls.entrySet()) {
      w.signed(e.getKey()).signed(lastSeen - e.getValue());
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
    for (int i = 0; i < n; i++) {
      long key = r.signed();
      calls.put(key, lastSeen - r.signed());
    }
  }
}
