package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two members whose clustered event bus speaks TLS with required client certificates: node B runs
 * only the HTTP front, so every /event it serves crosses the TLS bus to node A's segment and
 * partner verticles.
 */
@Timeout(180)
class EventBusTlsTest {
  @TempDir static Path dir;
  private static SelfSignedPem pem;
  private static RtdcsNode a;
  private static RtdcsNode b;
  private static Vertx client;
  private static WebClient web;
  private static int portB;

  @BeforeAll
  static void start() throws Exception {
    pem = SelfSignedPem.create(dir, "cluster");
    String cluster = TestConfigs.clusterName();
    int clusterPort = TestPorts.freeClusterBase(4);
    int demoPort = TestPorts.free();
    portB = TestPorts.free();
    JsonObject tls =
        new JsonObject()
            .put("certPath", pem.certPath().toString())
            .put("keyPath", pem.keyPath().toString());
    JsonObject confA = TestConfigs.demoCluster(cluster, clusterPort, TestPorts.free(), demoPort);
    confA.getJsonObject("cluster").put("eventBusTls", tls.copy());
    JsonObject confB = TestConfigs.demoCluster(cluster, clusterPort, portB, demoPort);
    confB.getJsonObject("cluster").put("eventBusTls", tls.copy());
    confB.getJsonObject("demoPartner").put("enabled", false);
    // the first calls open TLS connections between the members: a roomy budget
    confB.getJsonObject("dcs").put("budgetMs", 3000).put("storeReserveMs", 1000);
    confB.put(
        "verticles",
        new JsonObject()
            .put("dcs", new JsonObject().put("instances", 1))
            .put("partner", new JsonObject().put("instances", 0))
            .put("segment", new JsonObject().put("instances", 0)));
    a = RtdcsNode.start(new NodeOptions(TestStore.memory(confA)), Clock.systemUTC()).await();
    b = RtdcsNode.start(new NodeOptions(TestStore.memory(confB)), Clock.systemUTC()).await();
    client = Vertx.vertx();
    web = WebClient.create(client);
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
      client.close().await();
    }
    if (b != null) {
      b.stop().await();
    }
    if (a != null) {
      a.stop().await();
    }
  }

  @Test
  void anEventOnTheFrontOnlyNodeShouldBeServedAcrossTheTlsBus() {
    HttpResponse<Buffer> r =
        web.get(portB, "127.0.0.1", "/event?d_rtbd=json&c_category=shoes").send().await();

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getJsonArray("errors")).as(body.encode()).isNull();
    // 5001 from the rule (segment-verticle on A), 5003 from the demo partner (partner-verticle on
    // A)
    assertThat(body.getJsonArray("segments").getList()).contains(5001, 5003);
  }

  @Test
  void theBusPortShouldSpeakTlsWithTheClusterCertificateAndRequireOne() throws Exception {
    NodeInfo bus = ((VertxInternal) a.vertx()).clusterManager().getNodeInfo();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pem.keyStore())) {
      ks.load(in, pem.password().toCharArray());
    }
    Certificate expected = ks.getCertificate("cluster");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("cluster", expected);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pem.password().toCharArray());

    SSLContext member = SSLContext.getInstance("TLS");
    member.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    try (SSLSocket s = (SSLSocket) member.getSocketFactory().createSocket(bus.host(), bus.port())) {
      s.startHandshake();
      assertThat(s.getSession().getPeerCertificates()[0]).isEqualTo(expected);
    }

    // without a cluster certificate the handshake is refused
    SSLContext stranger = SSLContext.getInstance("TLS");
    stranger.init(null, tmf.getTrustManagers(), null);
    assertThatThrownBy(
            () -> {
              try (SSLSocket s =
                  (SSLSocket) stranger.getSocketFactory().createSocket(bus.host(), bus.port())) {
                s.setSoTimeout(10_000);
                s.startHandshake();
                // TLS 1.3: the refusal may arrive on the first read
                s.getOutputStream().write(1);
                s.getOutputStream().flush();
                if (s.getInputStream().read() == -1) {
                  throw new SSLException("closed by the member");
                }
              }
            })
        .isInstanceOf(java.io.IOException.class);
  }
}
