package io.rtdcs.partner.support;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.ClusterMaps;

/** Real, isolated Hazelcast members on loopback (ports 5900+, never a dev cluster). */
public final class TestHazelcast {

  /** A member of {@code clusterName}; with {@code join} it finds the others on 127.0.0.1. */
  public static HazelcastInstance member(String clusterName, boolean join) {
    Config c = new Config().setClusterName(clusterName);
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.socket.bind.any", "false");
    JoinConfig j = c.getNetworkConfig().setPort(5900).setPortAutoIncrement(true).getJoin();
    j.getAutoDetectionConfig().setEnabled(false);
    j.getMulticastConfig().setEnabled(false);
    j.getTcpIpConfig().setEnabled(join);
    if (join) {
      j.getTcpIpConfig().addMember("127.0.0.1");
    }
    c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    return Hazelcast.newHazelcastInstance(c);
  }

  /** Forget definitions and the seed marker, so the next deployment seeds again. */
  public static void reset(HazelcastInstance hz) {
    hz.getMap(ClusterMaps.PARTNERS).clear();
    hz.getMap(ClusterMaps.META).clear();
  }

  private TestHazelcast() {}
}
