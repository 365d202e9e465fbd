package io.rtdcs.segment;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.segment.store.SegmentSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Real Hazelcast members on loopback with an isolated cluster name and ports from 5900. */
public final class TestMembers {

  public static Config config(String clusterName) {
    Config c = new Config().setClusterName(clusterName);
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.setProperty("hazelcast.partition.count", "31");
    JoinConfig j = c.getNetworkConfig().setPort(5900).setPortAutoIncrement(true).getJoin();
    j.getAutoDetectionConfig().setEnabled(false);
    j.getMulticastConfig().setEnabled(false);
    j.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
    c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    c.getMapConfig("rtdcs.profiles").setBackupCount(1);
    return SegmentSerialization.register(c);
  }

  /** {@code n} members of one fresh cluster, started one after the other. */
  public static List<HazelcastInstance> start(int n) {
    String name = "test-" + UUID.randomUUID();
    List<HazelcastInstance> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(Hazelcast.newHazelcastInstance(config(name)));
    }
    return members;
  }

  public static void shutdown(List<HazelcastInstance> members) {
    for (int i = members.size() - 1; i >= 0; i--) {
      members.get(i).shutdown();
    }
  }

  private TestMembers() {}
}
