package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with HTTP/2, slow-client cut-offs, trusted proxies and the separate admin listener. */
class TransportTest {
  @TempDir Path dir;

  @Test
  void theTlsEndpointShouldAnswerOverHttpsWithTheConfiguredCertificate() throws Exception {
    SelfSignedPem pem = SelfSignedPem.create(dir, "dcs");
    try (DcsServer server =
        new DcsServer(
            new JsonObject()
                .put(
                    "tls",
                    new JsonObject()
                        .put("certPath", pem.certPath().toString())
                        .put("keyPath", pem.keyPath().toString())))) {
      // the JDK's own client, trusting only the configured certificate
      X509Certificate expected;
      try (InputStream in = Files.newInputStream(pem.certPath())) {
        expected =
            (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("dcs", expected);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpsURLConnection https =
          (HttpsURLConnection)
              new java.net.URL("https://127.0.0.1:" + server.port + "/health/live")
                  .openConnection();
      https.setSSLSocketFactory(ssl.getSocketFactory());
      assertThat(https.getResponseCode()).isEqualTo(200);
      assertThat(https.getServerCertificates()[0]).isEqualTo(expected);
      https.disconnect();

      // HTTP/2 negotiated with ALPN
      Vertx vertx = Vertx.vertx();
      try {
        WebClient h2 =
            WebClient.create(
                vertx,
                new WebClientOptions()
                    .setSsl(true)
                    .setUseAlpn(true)
                    .setProtocolVersion(HttpVersion.HTTP_2)
                    .setTrustOptions(new PemTrustOptions().addCertPath(pem.certPath().toString())));
        HttpResponse<Buffer> r =
            h2.get(server.port, "127.0.0.1", "/event?d_rtbd=json&c_category=shoes").send().await();
        assertThat(r.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("uuid")).matches("\\d{38}");
      } finally {
        vertx.close().await();
      }
    }
  }

  @Test
  void aStalledRequestHeadShouldBeClosedByTheIdleTimeout() throws Exception {
    try (DcsServer server = new DcsServer(new JsonObject().put("http.idleTimeoutSeconds", 1));
        Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port));
      socket.setSoTimeout(10_000);
      long start = System.nanoTime();
      // half a request line, then nothing: the server must hang up
      socket.getOutputStream().write("GET /event?d_rt".getBytes(StandardCharsets.US_ASCII));
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }
  }

  @Test
  void aSlowBodyShouldBeAnswered408AndCutOff() throws Exception {
    try (DcsServer server = new DcsServer(new JsonObject().put("http.requestTimeoutMs", 300));
        Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port));
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /event HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
                  + "c_a=1")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 408");
      assertThat(server.stubs.totalReceived()).isZero();
    }
  }

  @Test
  void anAnsweredRequestShouldLeaveNoDeadlineTimerBehind() {
    // the router's other end handlers (the /event timer of the metrics handler) must not replace
    // the guard's: a timer left to run holds its request, response and routing context for 10 s
    try (DcsServer server = new DcsServer(new JsonObject())) {
      for (int i = 0; i < 200; i++) {
        assertThat(server.client.get("/event?d_rtbd=json&c_a=1").send().await().statusCode())
            .isEqualTo(200);
      }
      assertThat(server.client.get("/openapi.json").send().await().statusCode()).isEqualTo(200);

      // each ends with its answer (a few ms at most), not when its 10 s deadline runs out
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(() -> server.guard.pending() == 0);
      assertThat(server.guard.cutOff()).isZero();
    }
  }

  @Test
  void oversizedHeadersShouldBeRefused() {
    try (DcsServer server = new DcsServer(new JsonObject().put("http.maxHeaderBytes", 2048))) {
      HttpResponse<Buffer> r =
          server.client.get("/event").putHeader("X-Big", "x".repeat(4096)).send().await();
      assertThat(r.statusCode()).isEqualTo(431);
    }
  }

  @Test
  void forwardedForShouldOnlyBeTrustedFromConfiguredProxies() {
    JsonObject limits =
        new JsonObject().put("enabled", true).put("burst", 1).put("ratePerSecond", 1);
    try (DcsServer trusting =
            new DcsServer(
                new JsonObject()
                    .put("limits", limits)
                    .put("trustedProxies", new JsonArray().add("127.0.0.0/8")));
        DcsServer notTrusting = new DcsServer(new JsonObject().put("limits", limits.copy()))) {
      // behind a trusted proxy, each forwarded client has its own bucket
      assertThat(forwarded(trusting, "203.0.113.1").statusCode()).isEqualTo(200);
      assertThat(forwarded(trusting, "203.0.113.2").statusCode()).isEqualTo(200);
      assertThat(forwarded(trusting, "203.0.113.1").statusCode()).isEqualTo(429);
      // from an untrusted peer the header is ignored: one client, one bucket
      assertThat(forwarded(notTrusting, "203.0.113.1").statusCode()).isEqualTo(200);
      assertThat(forwarded(notTrusting, "203.0.113.2").statusCode()).isEqualTo(429);
    }
  }

  @Test
  void forwardedProtoFromAnUntrustedPeerShouldBeDroppedWhenProxiesAreConfigured() {
    try (DcsServer server =
        new DcsServer(new JsonObject().put("trustedProxies", new JsonArray().add("10.0.0.1")))) {
      server
          .client
          .get("/event?d_rtbd=json")
          .putHeader("X-Forwarded-Proto", "https")
          .send()
          .await();

      JsonObject realize = server.stubs.received(Addresses.PROFILE_REALIZE).get(0);
      assertThat(realize.getJsonObject("destinations").getString("httpProto")).isEqualTo("http");
    }
  }

  @Test
  void adminRoutesShouldMoveToTheAdminListenerWhenOneIsConfigured() {
    String token = "transport-test-admin-token-8e1f0a9b7c";
    try (DcsServer server =
        new DcsServer(
            new JsonObject().put("admin", new JsonObject().put("token", token).put("port", 0)))) {
      assertThat(server.adminPort).isPositive().isNotEqualTo(server.port);
      HttpResponse<Buffer> publicSide =
          server.client.get("/admin/partners").bearerTokenAuthentication(token).send().await();
      HttpResponse<Buffer> adminSide =
          server
              .client
              .get(server.adminPort, "127.0.0.1", "/admin/partners")
              .bearerTokenAuthentication(token)
              .send()
              .await();
      HttpResponse<Buffer> profileOnPublic =
          server
              .client
              .get("/profiles/" + ContractStubs.KNOWN_UUID)
              .bearerTokenAuthentication(token)
              .send()
              .await();

      assertThat(publicSide.statusCode()).isEqualTo(404);
      assertThat(profileOnPublic.statusCode()).isEqualTo(404);
      assertThat(adminSide.statusCode()).isEqualTo(200);
      assertThat(server.client.get("/event?d_rtbd=json").send().await().statusCode())
          .isEqualTo(200);

      // readiness: up or down on the public port, the checks on the admin listener
      JsonObject publicReady = server.client.get("/health/ready").send().await().bodyAsJsonObject();
      JsonObject adminReady =
          server
              .client
              .get(server.adminPort, "127.0.0.1", "/health/ready")
              .send()
              .await()
              .bodyAsJsonObject();
      assertThat(publicReady.getString("status"))
          .isIn("UP", "DOWN")
          .isEqualTo(adminReady.getString("status"));
      assertThat(publicReady.containsKey("checks")).isFalse();
      assertThat(adminReady.getJsonArray("checks")).isNotEmpty();

      // the API's contract moves with the admin routes, and needs no token
      assertThat(server.client.get("/openapi.json").send().await().statusCode()).isEqualTo(404);
      assertThat(
              server
                  .client
                  .get(server.adminPort, "127.0.0.1", "/openapi.json")
                  .send()
                  .await()
                  .bodyAsJsonObject()
                  .getString("openapi"))
          .isEqualTo("3.1.0");
    }
  }

  private static HttpResponse<Buffer> forwarded(DcsServer server, String client) {
    return server
        .client
        .get("/event?d_rtbd=json")
        .putHeader("X-Forwarded-For", client)
        .send()
        .await();
  }
}
