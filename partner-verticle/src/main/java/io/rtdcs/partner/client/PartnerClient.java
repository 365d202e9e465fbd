package io.rtdcs.partner.client;

import io.vertx.core.Future;

/**
 * Asks one partner. The returned future always succeeds (failures are outcomes) and completes
 * within {@link PartnerCall#tmax()} ms plus scheduling jitter. Decorators add signing, breaking and
 * in-flight limits around one requester that owns the I/O.
 */
public interface PartnerClient {
  Future<PartnerResult> call(PartnerCall call);

  /** Releases timers and resources; the client is not used afterwards. */
  default void close() {}
}
