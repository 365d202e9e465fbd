package io.rtdcs.partner.support;

/**
 * The timing slack of the deadline assertions: the brief's "+10 ms" by default. On a machine that
 * is overloaded by other work (load far above its cores) timers fire late whatever the code does;
 * {@code -Drtdcs.test.slackMs=50} widens every timing bound in proportion instead of failing.
 */
public final class TimingSlack {
  public static final long DEFAULT_SLACK_MS = 10;

  /** The allowed lateness of a reply, in ms (default 10). */
  public static long ms() {
    return Long.getLong("rtdcs.test.slackMs", DEFAULT_SLACK_MS);
  }

  /** {@code millis} scaled by the slack (unchanged by default). */
  public static long scaled(long millis) {
    return millis * ms() / DEFAULT_SLACK_MS;
  }

  private TimingSlack() {}
}
