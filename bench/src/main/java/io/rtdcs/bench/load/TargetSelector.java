package io.rtdcs.bench.load;

/** Which of an open-loop load's targets call {@code index} goes to. */
@FunctionalInterface
public interface TargetSelector {
  /** Call {@code i} to target {@code i mod n}. */
  TargetSelector ROUND_ROBIN = (index, targets) -> (int) (index % targets);

  /**
   * @param index the call's index (0, 1, 2 ... over the life of the load)
   * @param targets how many targets there are
   * @return a target index from 0 to {@code targets - 1}
   */
  int select(long index, int targets);
}
