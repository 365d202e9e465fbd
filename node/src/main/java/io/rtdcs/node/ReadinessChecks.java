package io.rtdcs.node;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.segment.definitions.DefinitionsRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * The node's checks in {@code /health/ready} (beside dcs-verticle's {@code http} and {@code node} =
 * every verticle deployed): {@code cluster} (the Hazelcast member runs, is in the member list, the
 * cluster state is ACTIVE; data: members, state, and {@code safe} = no partition migration or
 * backup sync pending, informative only; below {@code cluster.minimumMembers} the check fails, so
 * that a load balancer stops sending to a member cut off from the rest) and, when this node runs
 * the segment verticle, {@code definitions} (the member's definitions are loaded).
 */
final class ReadinessChecks {
  private final HazelcastInstance hazelcast;
  private final boolean segmentHere;
  private final DurableState durable;

  ReadinessChecks(HazelcastInstance hazelcast, boolean segmentHere) {
    this(hazelcast, segmentHere, null);
  }

  ReadinessChecks(HazelcastInstance hazelcast, boolean segmentHere, DurableState durable) {
    this.hazelcast = hazelcast;
    this.segmentHere = segmentHere;
    this.durable = durable;
  }

  void register(Vertx vertx, HealthCheckHandler ready) {
    ready.register(
        "hazelcast",
        promise ->
            vertx
                .executeBlocking(this::cluster, false)
                .onComplete(
                    ar -> promise.complete(ar.succeeded() ? ar.result() : Status.KO(error(ar)))));
    if (segmentHere) {
      ready.register("definitions", promise -> promise.complete(definitions()));
    }
    if (durable != null) {
      ready.register("store", promise -> promise.complete(store()));
    }
  }

  /**
   * The database's state, reported but never failing readiness: with the database down the node
   * still answers from memory and queues its writes (docs/storage.md), and taking every node out of
   * the load balancer would turn a database outage into an outage of collection. What the node's
   * probe found last (every 5 s), so the check never waits for a database that does not answer.
   */
  Status store() {
    return Status.OK(
        new JsonObject()
            .put(
                "backend", durable.options().getBackend().name().toLowerCase(java.util.Locale.ROOT))
            .put("reachable", durable.lastProbe())
            .put("writeBacklog", durable.backlog().waiting())
            .put("writeBehindLimit", durable.backlog().limit())
            .put("refusingWrites", durable.backlog().isFull()));
  }

  Status cluster() {
    if (!hazelcast.getLifecycleService().isRunning()) {
      return Status.KO(new JsonObject().put("state", "not running"));
    }
    ClusterState state = hazelcast.getCluster().getClusterState();
    Member local = hazelcast.getCluster().getLocalMember();
    boolean member = hazelcast.getCluster().getMembers().contains(local);
    boolean enough = hasMinimumMembers();
    JsonObject data =
        new JsonObject()
            .put("state", state.name())
            .put("members", hazelcast.getCluster().getMembers().size())
            .put("member", member)
            .put("minimumMembers", enough)
            .put("safe", hazelcast.getPartitionService().isClusterSafe());
    return state == ClusterState.ACTIVE && member && enough ? Status.OK(data) : Status.KO(data);
  }

  private boolean hasMinimumMembers() {
    if (!hazelcast
        .getConfig()
        .getSplitBrainProtectionConfigs()
        .containsKey(HazelcastConfigFactory.MINIMUM_MEMBERS)) {
      return true;
    }
    return hazelcast
        .getSplitBrainProtectionService()
        .getSplitBrainProtection(HazelcastConfigFactory.MINIMUM_MEMBERS)
        .hasMinimumSize();
  }

  Status definitions() {
    return DefinitionsRegistry.forInstance(hazelcast).current() != null
        ? Status.OK()
        : Status.KO(new JsonObject().put("reason", "definitions are loading"));
  }

  private static JsonObject error(io.vertx.core.AsyncResult<?> ar) {
    return new JsonObject().put("error", String.valueOf(ar.cause()));
  }
}
