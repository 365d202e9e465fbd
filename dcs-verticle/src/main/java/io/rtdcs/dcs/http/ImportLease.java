package io.rtdcs.dcs.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Objects;
import java.util.UUID;

/**
 * The cluster-wide lease one import holds while it runs: an entry of the cluster map {@value #MAP}
 * written if absent, with a time to live (so a node that dies while importing blocks imports for
 * that long at most), and removed by its own holder only.
 *
 * <p>Not Vert.x's cluster lock: with Hazelcast it is an {@code IMap} key lock taken on a worker
 * thread, and those are reentrant per thread, so a second import whose blocking acquisition ran on
 * the worker thread that took the first one held it too (seen as a flaky test).
 */
final class ImportLease {
  static final String MAP = "rtdcs.admin";
  static final String KEY = "import";

  private final Vertx vertx;
  private final long ttlMs;

  ImportLease(Vertx vertx, long ttlMs) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    if (ttlMs <= 0) {
      throw new IllegalArgumentException("ttlMs must be > 0, was " + ttlMs);
    }
    this.ttlMs = ttlMs;
  }

  /** The lease's token when it was free, else null (another import holds it). */
  Future<String> tryAcquire() {
    String token = UUID.randomUUID().toString();
    return map()
        .compose(m -> m.putIfAbsent(KEY, token, ttlMs))
        .map(previous -> previous == null ? token : null);
  }

  /** Gives the lease back if {@code token} still holds it (not after its time to live). */
  Future<Void> release(String token) {
    return map().compose(m -> m.removeIfPresent(KEY, token)).mapEmpty();
  }

  private Future<AsyncMap<String, String>> map() {
    return vertx.sharedData().getAsyncMap(MAP);
  }
}
