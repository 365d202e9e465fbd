package io.rtdcs.bench.load;

import java.util.concurrent.TimeUnit;

/**
 * One finished call, as given to {@link OpenLoopOptions#setOutcomeListener}.
 *
 * @param request which call it was
 * @param status the HTTP status, or 0 when no answer came (connection error, client timeout)
 * @param callClass what became of it
 * @param latencyNanos from the call's intended start (not from when it was sent) to the end of its
 *     answer, or to the failure
 * @param sendLagNanos how long after its intended start the generator actually sent it
 * @param retryAfterSeconds the {@code Retry-After} of a 429, otherwise -1
 * @param body the parsed JSON answer ({@link AnswerBody#EMPTY} without one)
 * @param failure why a {@link CallClass#FAILED} call failed ("timeout", "status 500", an exception
 *     name and message), empty otherwise
 */
public record CallOutcome(
    CallRequest request,
    int status,
    CallClass callClass,
    long latencyNanos,
    long sendLagNanos,
    int retryAfterSeconds,
    AnswerBody body,
    String failure) {

  /** {@link #latencyNanos} in milliseconds. */
  public double latencyMillis() {
    return latencyNanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }
}
