package io.rtdcs.bench.load;

/** What became of one call of an open-loop load, as {@link AnswerClassifier} decides it. */
public enum CallClass {
  /** HTTP 200 whose JSON {@code errors} hold none of the degradation codes. */
  SERVED,
  /**
   * HTTP 200 whose JSON {@code errors} hold at least one degradation code (by default 200: the
   * profile store did not answer in time; 201: node busy, partners not asked; 202: node busy,
   * collected but traits and segments not returned).
   */
  DEGRADED,
  /** HTTP 429: the node refused the call (its {@code Retry-After} is kept). */
  REFUSED,
  /** Any other status, a connection error or the client's own timeout. */
  FAILED
}
