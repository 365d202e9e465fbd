package io.rtdcs.node;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import java.io.FileNotFoundException;
import java.util.List;

/**
 * Builds the Hazelcast member config: the XML (cluster.xml in the jar, or the file the node config
 * or {@code -Dvertx.hazelcast.config} names), then the node config on top: cluster name, bind host,
 * port and the join: Kubernetes discovery when {@code cluster.kubernetes.serviceDns} is set or the
 * XML enables {@code <kubernetes>}, else the TCP-IP member list; and, when {@code
 * cluster.minimumMembers} is above 1, split-brain protection on the visitor-data maps.
 */
public final class HazelcastConfigFactory {
  public static final String CLUSTER_XML = "cluster.xml";
  public static final String VERTX_PROPERTY = "vertx.hazelcast.config";

  /** The split-brain protection the visitor-data maps name (readiness reports on it too). */
  public static final String MINIMUM_MEMBERS = "rtdcs-minimum-members";

  /** The maps that hold people's data: read and written only with the minimum of members. */
  static final List<String> VISITOR_DATA_MAPS =
      List.of(
          "rtdcs.profiles",
          "rtdcs.people",
          "rtdcs.ids",
          "rtdcs.outbound",
          "rtdcs.privacy",
          "rtdcs.pending");

  private HazelcastConfigFactory() {}

  public static Config create(NodeOptions options) {
    Config config = load(options.getClusterConfig());
    config.setClusterName(options.getClusterName());
    protectVisitorData(config, options.getClusterMinimumMembers());
    filterJavaSerialization(config);
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(options.getClusterPort()).setPortAutoIncrement(true);
    network.getInterfaces().clear();
    if (options.bindsAnyClusterInterface()) {
      // containers: let Hazelcast pick the container's address
      network.getInterfaces().setEnabled(false);
      config.setProperty("hazelcast.socket.bind.any", "true");
    } else {
      network.getInterfaces().setEnabled(true).addInterface(options.getClusterHost());
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (options.getKubernetesServiceDns() != null) {
      join.getKubernetesConfig()
          .setEnabled(true)
          .setProperty("service-dns", options.getKubernetesServiceDns());
    }
    if (join.getKubernetesConfig().isEnabled()) {
      // one join method only: Hazelcast refuses to start with TCP-IP and Kubernetes both on
      join.getTcpIpConfig().setEnabled(false);
      return config;
    }
    join.getTcpIpConfig().setEnabled(true).clear();
    for (String member : options.getClusterMembers()) {
      join.getTcpIpConfig().addMember(member);
    }
    return config;
  }

  /**
   * Below {@code minimumMembers} every read and write of the visitor-data maps fails at once
   * (Hazelcast's split-brain protection): a member cut off from the rest answers without profile
   * data instead of serving partial data or taking writes that a merge would have to reconcile.
   */
  static void protectVisitorData(Config config, int minimumMembers) {
    if (minimumMembers <= 1) {
      return;
    }
    config.addSplitBrainProtectionConfig(
        new SplitBrainProtectionConfig(MINIMUM_MEMBERS, true, minimumMembers)
            .setProtectOn(SplitBrainProtectionOn.READ_WRITE));
    for (String map : VISITOR_DATA_MAPS) {
      config.getMapConfig(map).setSplitBrainProtectionName(MINIMUM_MEMBERS);
    }
  }

  /**
   * rtdcs itself never uses Java serialization (Compact serializers and its own row codecs), but
   * Hazelcast accepts Java-serialized values from any member or client by default: a forged value
   * of a gadget class would run code when read. Unless the cluster XML sets a filter of its own,
   * only Hazelcast's, the JDK's, Vert.x's and rtdcs's classes are read ({@code
   * ClusterSecurityTest}).
   */
  static void filterJavaSerialization(Config config) {
    if (config.getSerializationConfig().getJavaSerializationFilterConfig() != null) {
      return;
    }
    ClassFilter allowed = new ClassFilter();
    for (String prefix :
        List.of("com.hazelcast.", "java.", "javax.", "[", "io.vertx.", "io.rtdcs.")) {
      allowed.addPrefixes(prefix);
    }
    config
        .getSerializationConfig()
        .setJavaSerializationFilterConfig(
            new JavaSerializationFilterConfig().setDefaultsDisabled(false).setWhitelist(allowed));
  }

  static Config load(String location) {
    String source = location != null ? location : System.getProperty(VERTX_PROPERTY);
    if (source == null || source.isBlank()) {
      return new ClasspathXmlConfig(CLUSTER_XML);
    }
    if (source.startsWith("classpath:")) {
      return new ClasspathXmlConfig(source.substring("classpath:".length()));
    }
    try {
      return new FileSystemXmlConfig(source);
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException("cluster.config: cannot read " + source, e);
    }
  }
}
