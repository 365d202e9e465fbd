package io.rtdcs.node.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtdcs.node.NodeConfigLoader;
import io.rtdcs.node.NodeOptions;
import io.rtdcs.partner.bridge.PartnerBridgeOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerBridgeOptionsTest {
  private static final String TOKEN = "a-partner-token-0123";

  @Test
  void noBridgeSectionShouldGiveADisabledBridgeOnLoopbackPort7000() {
    PartnerBridgeOptions o = new NodeOptions(new JsonObject()).getBridge();
    assertThat(o.isEnabled()).isFalse();
    assertThat(o.getHost()).isEqualTo("127.0.0.1");
    assertThat(o.getPort()).isEqualTo(7000);
    assertThat(o.getIdleTimeoutSeconds()).isEqualTo(60);
    assertThat(o.getTokens()).isEmpty();
    assertThat(o.getMaxFrameBytes()).isEqualTo(64 * 1024);
    assertThat(o.getMaxConnections()).isEqualTo(256);
    assertThat(o.getMaxConnectionsPerAddress()).isEqualTo(32);
    assertThat(o.getWriteQueueMaxBytes()).isEqualTo(256 * 1024);
    assertThat(o.getSlowReaderTimeoutMs()).isEqualTo(10_000);
    assertThat(o.getTls().isEnabled()).isFalse();
  }

  @Test
  void limitsAndTlsShouldBeReadFromTheBridgeSection(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
    Path key = Files.writeString(dir.resolve("key.pem"), "x");
    PartnerBridgeOptions o =
        new NodeOptions(
                new JsonObject()
                    .put(
                        "bridge",
                        new JsonObject()
                            .put("maxFrameBytes", 4096)
                            .put("maxConnections", 10)
                            .put("maxConnectionsPerAddress", 2)
                            .put("writeQueueMaxBytes", 65536)
                            .put("slowReaderTimeoutMs", 500)
                            .put(
                                "tls",
                                new JsonObject()
                                    .put("certPath", cert.toString())
                                    .put("keyPath", key.toString()))))
            .getBridge();
    assertThat(o.getMaxFrameBytes()).isEqualTo(4096);
    assertThat(o.getMaxConnections()).isEqualTo(10);
    assertThat(o.getMaxConnectionsPerAddress()).isEqualTo(2);
    assertThat(o.getWriteQueueMaxBytes()).isEqualTo(65536);
    assertThat(o.getSlowReaderTimeoutMs()).isEqualTo(500);
    assertThat(o.getTls().isEnabled()).isTrue();
    assertThat(o.getTls().getCertPath()).isEqualTo(cert.toString());
    assertThat(new PartnerBridgeOptions(o).getTls().getKeyPath()).isEqualTo(key.toString());
    assertThat(o.toJson().getJsonObject("tls").getString("keyPath")).isEqualTo(key.toString());
    // an explicit "enabled": false turns TLS off whatever the paths
    assertThat(bridge("{\"tls\": {\"enabled\": false}}").getTls().isEnabled()).isFalse();
  }

  @Test
  void tokensShouldBeReadAsAnObjectOrAsTheEnvironmentsDpidColonTokenList() {
    PartnerBridgeOptions fromObject =
        new PartnerBridgeOptions(
            new JsonObject()
                .put("enabled", true)
                .put("port", 7100)
                .put("tokens", new JsonObject().put("9101", TOKEN)));
    assertThat(fromObject.isEnabled()).isTrue();
    assertThat(fromObject.getPort()).isEqualTo(7100);
    assertThat(fromObject.getTokens()).containsExactly(Map.entry(9101, TOKEN));

    PartnerBridgeOptions fromString =
        new PartnerBridgeOptions(
            new JsonObject().put("tokens", "9101:" + TOKEN + ", 9102:" + TOKEN + "x"));
    assertThat(fromString.getTokens())
        .containsExactly(Map.entry(9101, TOKEN), Map.entry(9102, TOKEN + "x"));
  }

  @Test
  void environmentVariablesShouldReachTheBridgeSection() {
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject config =
          NodeConfigLoader.load(
                  vertx,
                  null,
                  Map.of(
                      "RTDCS_BRIDGE_ENABLED", "true",
                      "RTDCS_BRIDGE_HOST", "0.0.0.0",
                      "RTDCS_BRIDGE_PORT", "7200",
                      "RTDCS_BRIDGE_TOKENS", "9101:" + TOKEN,
                      "RTDCS_BRIDGE_MAX_CONNECTIONS", "12"),
                  new Properties())
              .await();
      PartnerBridgeOptions o = new NodeOptions(config).getBridge();
      assertThat(o.isEnabled()).isTrue();
      assertThat(o.getHost()).isEqualTo("0.0.0.0");
      assertThat(o.getPort()).isEqualTo(7200);
      assertThat(o.getTokens()).containsEntry(9101, TOKEN);
      assertThat(o.getMaxConnections()).isEqualTo(12);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void aWrongTypeShouldNameTheBridgeKey() {
    assertThatThrownBy(() -> new PartnerBridgeOptions(new JsonObject().put("port", "seven")))
        .hasMessage("bridge.port: expected an integer, was seven");
    assertThatThrownBy(() -> new PartnerBridgeOptions(new JsonObject().put("enabled", "yes")))
        .hasMessage("bridge.enabled: expected true or false, was yes");
  }

  @Test
  void theJsonFormShouldNeverShowATokenInClear() {
    PartnerBridgeOptions o = new PartnerBridgeOptions().putToken(9101, TOKEN);
    assertThat(o.toJson().encode()).doesNotContain(TOKEN).contains("9101");
    assertThat(new NodeOptions().setBridge(o).toJson().encode()).doesNotContain(TOKEN);
  }

  @Test
  void invalidValuesShouldBeRefusedWithTheKeyName() {
    assertThatThrownBy(() -> bridge("{\"enabled\": \"yes\"}"))
        .hasMessageStartingWith("bridge.enabled:");
    assertThatThrownBy(() -> bridge("{\"port\": 70000}")).hasMessageStartingWith("bridge.port:");
    assertThatThrownBy(() -> bridge("{\"port\": \"x\"}")).hasMessageStartingWith("bridge.port:");
    assertThatThrownBy(() -> bridge("{\"host\": \" \"}")).hasMessageStartingWith("bridge.host:");
    assertThatThrownBy(() -> bridge("{\"idleTimeoutSeconds\": -1}"))
        .hasMessageStartingWith("bridge.idleTimeoutSeconds:");
    assertThatThrownBy(() -> bridge("{\"tokens\": {\"abc\": \"" + TOKEN + "\"}}"))
        .hasMessageStartingWith("bridge.tokens:");
    assertThatThrownBy(() -> bridge("{\"tokens\": {\"0\": \"" + TOKEN + "\"}}"))
        .hasMessageStartingWith("bridge.tokens:");
    assertThatThrownBy(() -> bridge("{\"tokens\": {\"9101\": \"short\"}}"))
        .hasMessageStartingWith("bridge.tokens.9101:");
    assertThatThrownBy(() -> bridge("{\"tokens\": {\"9101\": 1234567890123456}}"))
        .hasMessageStartingWith("bridge.tokens.9101:");
    assertThatThrownBy(() -> bridge("{\"tokens\": {\"9101\": \"with a space inside\"}}"))
        .hasMessageStartingWith("bridge.tokens.9101:");
    assertThatThrownBy(() -> bridge("{\"tokens\": \"9101-" + TOKEN + "\"}"))
        .hasMessageStartingWith("bridge.tokens:");
    assertThatThrownBy(() -> bridge("{\"tokens\": [1]}")).hasMessageStartingWith("bridge.tokens:");
    // an enabled bridge without config tokens is fine: partner definitions carry theirs
    assertThat(bridge("{\"enabled\": true}").getTokens()).isEmpty();
    assertThatThrownBy(() -> bridge("{\"maxFrameBytes\": 1023}"))
        .hasMessageStartingWith("bridge.maxFrameBytes:");
    assertThatThrownBy(() -> bridge("{\"maxFrameBytes\": 2147483647}"))
        .hasMessageStartingWith("bridge.maxFrameBytes:");
    assertThatThrownBy(() -> bridge("{\"maxConnections\": 0}"))
        .hasMessageStartingWith("bridge.maxConnections:");
    assertThatThrownBy(() -> bridge("{\"maxConnectionsPerAddress\": -1}"))
        .hasMessageStartingWith("bridge.maxConnectionsPerAddress:");
    assertThatThrownBy(() -> bridge("{\"writeQueueMaxBytes\": 100}"))
        .hasMessageStartingWith("bridge.writeQueueMaxBytes:");
    assertThatThrownBy(() -> bridge("{\"slowReaderTimeoutMs\": 0}"))
        .hasMessageStartingWith("bridge.slowReaderTimeoutMs:");
    assertThatThrownBy(() -> bridge("{\"tls\": true}")).hasMessageStartingWith("bridge.tls:");
    assertThatThrownBy(() -> bridge("{\"tls\": {\"keyPath\": \"/nonexistent\"}}"))
        .hasMessageStartingWith("bridge.tls.certPath:");
    assertThatThrownBy(
            () -> bridge("{\"tls\": {\"certPath\": \"/nonexistent\", \"keyPath\": \"/x\"}}"))
        .hasMessageStartingWith("bridge.tls.certPath: no readable file");
    assertThatThrownBy(() -> new NodeOptions(new JsonObject("{\"bridge\": 1}")))
        .hasMessageStartingWith("bridge:");
  }

  private static PartnerBridgeOptions bridge(String json) {
    return new PartnerBridgeOptions(new JsonObject(json));
  }
}
