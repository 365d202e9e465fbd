package io.rtdcs.node;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The cluster as this member sees it: {@code rtdcs_cluster_members} (Hazelcast's member list, kept
 * locally) and {@code rtdcs_cluster_minimum_members} ({@code cluster.minimumMembers}: below it the
 * visitor-data maps refuse reads and writes), so an alert compares the two without a constant.
 */
final class ClusterMetrics {
  private ClusterMetrics() {}

  static void bind(MeterRegistry registry, HazelcastInstance hz, int minimumMembers) {
    Gauge.builder("rtdcs.cluster.members", hz, h -> members(h))
        .description("cluster members this member sees")
        .register(registry);
    Gauge.builder("rtdcs.cluster.minimum.members", () -> minimumMembers)
        .description("cluster.minimumMembers: members needed to read or write visitor data")
        .register(registry);
  }

  private static double members(HazelcastInstance hz) {
    return hz.getLifecycleService().isRunning() ? hz.getCluster().getMembers().size() : 0;
  }
}
