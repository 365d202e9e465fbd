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

  @Test
  void minimumMembersShouldProtectEveryVisitorDataMapAndOneShouldProtectNone() {
    Config protectedConfig =
        HazelcastConfigFactory.create(
            new NodeOptions(
                new JsonObject().put("cluster", new JsonObject().put("minimumMembers", 2))));
    assertThat(
            protectedConfig
                .getSplitBrainProtectionConfig(HazelcastConfigFactory.MINIMUM_MEMBERS)
                .getMinimumClusterSize())
        .isEqualTo(2);
    for (String map : HazelcastConfigFactory.VISITOR_DATA_MAPS) {
      assertThat(protectedConfig.getMapConfig(map).getSplitBrainProtectionName())
          .as(map)
          .isEqualTo(HazelcastConfigFactory.MINIMUM_MEMBERS);
    }
    assertThat(HazelcastConfigFactory.VISITOR_DATA_MAPS).contains("rtdcs.privacy", "rtdcs.people");

    Config open = HazelcastConfigFactory.create(new NodeOptions(new JsonObject()));
    assertThat(open.getSplitBrainProtectionConfigs()).isEmpty();
    assertThat(open.getMapConfig("rtdcs.profiles").getSplitBrainProtectionName()).isNull();
  }

  @Test
  void aDurableStoreShouldSitBehindEveryRtdcsMapWithItsWriteMode() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rtdcs-store-config-");
    NodeOptions options =
        new NodeOptions(
            new JsonObject()
                .put(
                    "store",
                    new JsonObject()
                        .put("path", dir.toString())
                        .put("writeDelaySeconds", 3)
                        .put("profileHeapPercentage", 20)
                        .put("peopleHeapPercentage", 7)));
    Config config = HazelcastConfigFactory.create(options);
    try (DurableState durable =
        DurableState.open(options.getStore(), java.time.Clock.systemUTC())) {
      durable.configure(config);
    }
    for (io.rtdcs.store.DurableMaps.Spec spec : io.rtdcs.store.DurableMaps.SPECS) {
      com.hazelcast.config.MapStoreConfig store =
          config.getMapConfig(spec.map()).getMapStoreConfig();
      assertThat(store.isEnabled()).as(spec.map()).isTrue();
      assertThat(store.getWriteDelaySeconds())
          .as(spec.map())
          .isEqualTo(spec.mode() == io.rtdcs.store.DurableMaps.Mode.WRITE_BEHIND ? 3 : 0);
    }
    assertThat(config.getMapConfig("rtdcs.profiles").getEvictionConfig().getSize()).isEqualTo(20);
    // people's profiles: written behind like the device profiles, bounded on their own
    assertThat(config.getMapConfig("rtdcs.people").getMapStoreConfig().getWriteDelaySeconds())
        .isEqualTo(3);
    assertThat(config.getMapConfig("rtdcs.people").getEvictionConfig().getSize()).isEqualTo(7);
    assertThat(config.getMapConfig("rtdcs.people").getEvictionConfig().getMaxSizePolicy())
        .isEqualTo(com.hazelcast.config.MaxSizePolicy.USED_HEAP_PERCENTAGE);
    assertThat(config.getMapConfig("rtdcs.people").getMergePolicyConfig().getPolicy())
        .isEqualTo(config.getMapConfig("rtdcs.profiles").getMergePolicyConfig().getPolicy());
    assertThat(config.getMapConfig("rtdcs.mergerules").getMapStoreConfig().getWriteDelaySeconds())
        .isZero();
    assertThat(config.getMapConfig("rtdcs.profiles").getEvictionConfig().getMaxSizePolicy())
        .isEqualTo(com.hazelcast.config.MaxSizePolicy.USED_HEAP_PERCENTAGE);
  }

  @Test
  void aStoreSectionWithAnUnknownKeyShouldBeRefusedWithTheKey() {
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject().put("store", new JsonObject().put("writeDelayMs", 5))))
        .hasMessageStartingWith("store.writeDelayMs: unknown key");
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject().put("store", new JsonObject().put("backend", "postgresql"))))
        .hasMessageStartingWith("store.url: required");
    NodeOptions withPassword =
        new NodeOptions(
            new JsonObject()
                .put(
                    "store",
                    new JsonObject()
                        .put("backend", "postgresql")
                        .put("url", "jdbc:postgresql://db/rtdcs")
                        .put("password", "s3cret-password")));
    assertThat(withPassword.toJson().encode()).doesNotContain("s3cret-password");
  }
}
