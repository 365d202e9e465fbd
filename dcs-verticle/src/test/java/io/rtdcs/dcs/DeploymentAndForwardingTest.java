package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtdcs.common.Addresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several instances on one port, config errors, and the less common keys reaching the contract. */
class DeploymentAndForwardingTest {
  static DcsServer server;

  @BeforeAll
  static void start() {
    server = new DcsServer(new JsonObject());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void resetStubs() {
    server.stubs.reset();
  }

  @Test
  void severalInstancesShouldShareOnePort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Vertx vertx = Vertx.vertx();
    try {
      new ContractStubs(vertx);
      JsonObject cfg = new JsonObject().put("http.port", port).put("http.host", "127.0.0.1");
      String id =
          vertx
              .deployVerticle(
                  () -> new DcsVerticle(Clock.systemUTC()),
                  new DeploymentOptions().setInstances(3).setConfig(cfg))
              .await();
      assertThat(vertx.deploymentIDs()).contains(id);
      WebClient client = WebClient.create(vertx);
      for (int i = 0; i < 6; i++) {
        assertThat(client.get(port, "127.0.0.1", "/event?d_rtbd=json").send().await().statusCode())
            .isEqualTo(200);
      }
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void invalidConfigShouldFailTheDeploymentNamingTheKey() {
    Vertx vertx = Vertx.vertx();
    try {
      assertThatThrownBy(
              () ->
                  vertx
                      .deployVerticle(
                          new DcsVerticle(Clock.systemUTC()),
                          new DeploymentOptions().setConfig(new JsonObject().put("maxKeys", -1)))
                      .await())
          .hasMessageContaining("maxKeys");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void aMistypedKeyShouldFailTheDeploymentNamingItAndTheKeyMeant() {
    Vertx vertx = Vertx.vertx();
    try {
      // every reader of the section (options, limits, admission, consent, TLS) had its say: only
      // the typo is left, where before it was silently ignored and the default applied
      JsonObject config =
          new JsonObject()
              .put("budgetMS", 100)
              .put("admission", new JsonObject().put("maxInflight", 10))
              .put("limits.ratePerSecond", 10);
      assertThatThrownBy(
              () ->
                  vertx
                      .deployVerticle(
                          new DcsVerticle(Clock.systemUTC()),
                          new DeploymentOptions().setConfig(config))
                      .await())
          .hasMessageContaining("dcs.budgetMS: unknown key (did you mean dcs.budgetMs?)")
          .hasMessageContaining(
              "dcs.admission.maxInflight: unknown key (did you mean dcs.admission.maxInFlight?)")
          .hasMessageNotContaining("ratePerSecond");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void consentContainerPlatformAndDataSourceKeysShouldReachTheContract() {
    // a real TCF v2 string granting storage (purpose 1): refused consent stops the call
    String tc = ConsentStrings.tcf(10, new int[] {1});
    server
        .client
        .get(
            "/event?d_rtbd=json&gdpr=1&gdpr_consent="
                + tc
                + "&d_tdpid=20915,9001&d_nsid=3"
                + "&d_ptfm=ios&videoTypeID=2&d_dst=1")
        .putHeader("X-Forwarded-Proto", "https")
        .send()
        .await();

    JsonObject lookup = server.stubs.received(Addresses.PARTNER_LOOKUP).get(0);
    assertThat(lookup.getJsonObject("consent"))
        .isEqualTo(new JsonObject().put("gdpr", 1).put("gdprConsent", tc));
    assertThat(lookup.getJsonObject("signals").fieldNames())
        .contains("d_ptfm", "videoTypeID")
        .doesNotContain("gdpr", "gdpr_consent", "d_tdpid", "d_nsid", "d_rtbd", "d_dst");
    JsonObject realize = server.stubs.received(Addresses.PROFILE_REALIZE).get(0);
    assertThat(realize.getJsonArray("tdpid")).containsExactly(20915, 9001);
    assertThat(realize.getJsonObject("destinations"))
        .isEqualTo(new JsonObject().put("url", true).put("httpProto", "https").put("nsid", 3));
  }
}
