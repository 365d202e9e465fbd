package io.rtdcs.common;

/**
 * Limits that more than one verticle must agree on, so that what a definition allows is what the
 * hot path accepts: checked when a definition is written, never discovered on an {@code /event}.
 */
public final class Limits {
  /** Partner definitions a cluster may hold (each is asked, or skipped, on every event). */
  public static final int MAX_PARTNERS = 100;

  /** Segments one partner answer may carry ({@code maxSegments} of a partner definition). */
  public static final int MAX_PARTNER_SEGMENTS = 1000;

  /**
   * Characters of a call's {@code tid}, its idempotency key wherever it travels (realize, hold,
   * replay).
   */
  public static final int MAX_TID_LENGTH = 64;

  private Limits() {}
}
