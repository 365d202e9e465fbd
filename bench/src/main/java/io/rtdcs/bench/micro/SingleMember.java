package io.rtdcs.bench.micro;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.store.SegmentSerialization;
import java.util.UUID;

/** A single loopback Hazelcast member configured as an rtdcs node's (profiles map BINARY). */
final class SingleMember {
  private SingleMember() {}

  static Config config() {
    Config c = new Config().setClusterName("rtdcs-bench-" + UUID.randomUUID());
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.socket.bind.any", "false");
    JoinConfig j = c.getNetworkConfig().setPort(6950).setPortAutoIncrement(true).getJoin();
    j.getAutoDetectionConfig().setEnabled(false);
    j.getMulticastConfig().setEnabled(false);
    j.getTcpIpConfig().setEnabled(false);
    c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    c.getMapConfig(ClusterMaps.PROFILES)
        .setBackupCount(1)
        .setInMemoryFormat(InMemoryFormat.BINARY)
        .setStatisticsEnabled(true);
    return SegmentSerialization.register(c);
  }

  /** The i-th visitor's 38-digit uuid. */
  static String uuid(long i) {
    return String.format("%019d%019d", 1_000_000_000L + i * 7_919, 4_242_424_242L + i);
  }
}
