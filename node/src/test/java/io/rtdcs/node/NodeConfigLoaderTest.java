package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void withoutAFileTheDemoConfigurationShouldRunEverything() {
    JsonObject c = NodeConfigLoader.load(vertx, null, Map.of(), new Properties()).await();
    NodeOptions o = new NodeOptions(c);
    assertThat(o.isDemoPartnerEnabled()).isTrue();
    assertThat(o.getDefinitions().getJsonArray("partners")).isNotEmpty();
    assertThat(o.getDefinitions().getJsonArray("segments")).isNotEmpty();
    assertThat(o.getHttpPort()).isEqualTo(8080);
  }

  @Test
  void yamlFileThenEnvironmentThenSystemPropertiesShouldWinInThatOrder(@TempDir Path dir)
      throws Exception {
    Path yaml = dir.resolve("node.yaml");
    Files.writeString(
        yaml,
        "http:\n  port: 9000\ncluster:\n  port: 6100\n  name: from-file\n"
            + "verticles:\n  dcs:\n    instances: 3\n");
    Properties sys = new Properties();
    sys.setProperty("rtdcs.cluster.name", "from-sysprop");
    sys.setProperty("java.version", "ignored");
    sys.setProperty("rtdcs.cluster.eventBus.publicPort", "15801");
    JsonObject c =
        NodeConfigLoader.load(
                vertx,
                yaml.toString(),
                Map.of(
                    "RTDCS_HTTP_PORT", "9100",
                    "RTDCS_CLUSTER_MEMBERS", "10.0.0.1, 10.0.0.2",
                    "RTDCS_CLUSTER_NAME", "from-env",
                    "RTDCS_CLUSTER_EVENT_BUS_PORT", "5801",
                    "RTDCS_CLUSTER_EVENT_BUS_PUBLIC_HOST", "rtdcs1"),
                sys)
            .await();
    NodeOptions o = new NodeOptions(c);
    assertThat(o.getHttpPort()).isEqualTo(9100);
    assertThat(o.getClusterPort()).isEqualTo(6100);
    assertThat(o.getClusterName()).isEqualTo("from-sysprop");
    assertThat(o.getClusterMembers()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(o.getDcsInstances()).isEqualTo(3);
    assertThat(o.getEventBus().getPort()).isEqualTo(5801);
    assertThat(o.getEventBus().getPublicHost()).isEqualTo("rtdcs1");
    assertThat(o.getEventBus().getPublicPort()).isEqualTo(15801);
    assertThat(c.getJsonObject("cluster").getJsonArray("members"))
        .isEqualTo(new JsonArray().add("10.0.0.1").add("10.0.0.2"));
  }

  @Test
  void unreadableOrBrokenFilesShouldFailWithTheFileName(@TempDir Path dir) throws Exception {
    assertThatThrownBy(
            () ->
                NodeConfigLoader.load(vertx, dir + "/missing.json", Map.of(), new Properties())
                    .await())
        .hasMessageContaining("missing.json");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"http\": ");
    assertThatThrownBy(
            () ->
                NodeConfigLoader.load(vertx, broken.toString(), Map.of(), new Properties()).await())
        .hasMessageContaining("broken.json");
  }
}
