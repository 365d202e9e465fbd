package io.rtdcs.contract;

import io.vertx.core.json.JsonObject;

/**
 * A contract request that carries the time its sender waits ({@code timeoutMs}): a sender that
 * sends again sends a copy with its new timeout (a sent record is never changed).
 */
public interface TimedRequest<T extends TimedRequest<T>> {
  long timeoutMs();

  T withTimeoutMs(long timeoutMs);

  /** The JSON form (docs/event-bus.md): what is held in the cluster and what outsiders send. */
  JsonObject toJson();
}
