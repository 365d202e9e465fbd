package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class HazelcastConfigFactoryTest {

  @Test
  void withoutKubernetesTheMemberListShouldBeTheTcpIpJoin() {
    NodeOptions options =
        new NodeOptions(
            new JsonObject()
                .put("cluster", new JsonObject().put("members", "10.0.0.1,10.0.0.2:5702")));
    JoinConfig join = HazelcastConfigFactory.create(options).getNetworkConfig().getJoin();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.1", "10.0.0.2:5702");
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
  }

  @Test
  void serviceDnsShouldTurnKubernetesDiscoveryOnAndTcpIpOff() {
    NodeOptions options =
        new NodeOptions(
            new JsonObject()
                .put(
                    "cluster",
                    new JsonObject()
                        .put("host", "0.0.0.0")
                        .put(
                            "kubernetes",
                            new JsonObject()
                                .put("serviceDns", "rtdcs-hz.rtdcs.svc.cluster.local"))));
    Config config = HazelcastConfigFactory.create(options);
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns"))
        .isEqualTo("rtdcs-hz.rtdcs.svc.cluster.local");
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
  }

  @Test
  void theSampleKubernetesXmlShouldLoadWithKubernetesJoinOnly() {
    NodeOptions options =
        new NodeOptions(
            new JsonObject()
                .put(
                    "cluster",
                    new JsonObject()
                        .put("host", "0.0.0.0")
                        .put("config", "../deploy/k8s/cluster-k8s.xml")));
    JoinConfig join = HazelcastConfigFactory.create(options).getNetworkConfig().getJoin();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns"))
        .isEqualTo("rtdcs-hz.default.svc.cluster.local");
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
  }

  @Test
  void serviceDnsThatIsNoDnsNameShouldBeRefusedWithTheKey() {
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject()
                        .put(
                            "cluster",
                            new JsonObject()
                                .put("kubernetes", new JsonObject().put("serviceDns", "a b")))))
        .hasMessageStartingWith("cluster.kubernetes.serviceDns:");
  }
}
