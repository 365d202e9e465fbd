package io.rtdcs.bench.load;

import java.util.SplittableRandom;

/**
 * A pool of {@code size} returning visitors: 38-digit numeric uuids ({@code %019d%019d}), visitor
 * {@code k} (1 to size) the same as {@code scripts/bench.d/event.lua}'s, so that an open-loop run
 * after a wrk warm-up meets the profiles that warm-up stored. A call picks its visitor either in
 * turn ({@link #inTurn}) or at random ({@link #atRandom}, reproducible: a function of the seed and
 * the call index).
 */
public final class VisitorPool {
  private final int size;

  public VisitorPool(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("visitors: must be >= 1, got " + size);
    }
    this.size = size;
  }

  public int size() {
    return size;
  }

  /** Visitor {@code k}, 1 to {@link #size()}. */
  public String uuid(int k) {
    if (k < 1 || k > size) {
      throw new IllegalArgumentException("visitor: 1 to " + size + ", got " + k);
    }
    return String.format("%019d%019d", 1_000_000_000L + k * 7919L, 4_242_424_242L + k);
  }

  /** The visitor of call {@code index} when calls take the visitors in turn. */
  public String inTurn(long index) {
    return uuid((int) (Math.floorMod(index, (long) size) + 1));
  }

  /** The visitor of call {@code index} when calls pick one at random. */
  public String atRandom(long seed, long index) {
    return uuid(CallRandom.of(seed, index).nextInt(size) + 1);
  }

  /** Per-call randomness: the same seed and index give the same draws, on any thread. */
  static final class CallRandom {
    private CallRandom() {}

    static SplittableRandom of(long seed, long index) {
      return new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
    }
  }
}
