package io.rtdcs.node.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rtdcs.node.SelfSignedPem;
import io.rtdcs.partner.bridge.PartnerBridgeOptions;
import io.rtdcs.partner.bridge.PartnerBridgeStats;
import io.rtdcs.partner.bridge.PartnerBridgeTlsOptions;
import io.rtdcs.partner.bridge.PartnerBridgeVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the partner bridge's transport, each against the real {@link PartnerBridgeVerticle} on
 * loopback: a 2 GB frame header, more connections than allowed, plain TCP on a TLS bridge, a client
 * that never reads. A legitimate partner on another connection keeps being served.
 */
@Timeout(120)
class PartnerBridgeLimitsTest {
  private static final int DPID = 9101;
  private static final String TOKEN = "limits-partner-token-0001";
  private static final String ADDRESS = "dcs.partner." + DPID;

  private Vertx vertx;
  private PartnerBridgeStats stats;
  private final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
    stats = PartnerBridgeStats.of(vertx);
  }

  @AfterEach
  void stopVertx() {
    vertx.close().await();
  }

  private int deploy(PartnerBridgeOptions options) {
    PartnerBridgeVerticle bridge = new PartnerBridgeVerticle(options, Clock.systemUTC());
    deployments.add(vertx.deployVerticle(bridge).await());
    return bridge.actualPort();
  }

  private static PartnerBridgeOptions options() {
    return new PartnerBridgeOptions().setEnabled(true).setPort(0).putToken(DPID, TOKEN);
  }

  @Test
  void aTwoGigabyteFrameHeaderShouldCloseTheConnectionAtOnceWhileAPartnerKeepsWorking()
      throws Exception {
    int port = deploy(options());
    try (BridgeTestClient partner = new BridgeTestClient(port)) {
      partner.register(ADDRESS, TOKEN);
      assertThat(partner.untilPong()).isEmpty();

      // the header, then a trickle of bytes: closed within a second, not kept open to fill
      try (Socket attacker = new Socket(InetAddress.getLoopbackAddress(), port)) {
        attacker.setSoTimeout(5);
        DataOutputStream out = new DataOutputStream(attacker.getOutputStream());
        long started = System.nanoTime();
        out.writeInt(0x7FFFFFFF);
        out.flush();
        long closedAfterMs = trickleUntilClosed(attacker, out, 5_000);
        assertThat(closedAfterMs).as("ms until the bridge closed the connection").isLessThan(1_500);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
      }
      assertThat(stats.oversizedFrames()).isEqualTo(1);

      // the header, then as much as the socket takes: the node holds none of it
      long heapBefore = usedHeapAfterGc();
      long accepted;
      try (Socket flooder = new Socket(InetAddress.getLoopbackAddress(), port)) {
        accepted = floodUntilClosed(flooder, 256L * 1024 * 1024);
        long heapGrowth = usedHeapAfterGc() - heapBefore;
        assertThat(heapGrowth).as("heap growth in bytes").isLessThan(32L * 1024 * 1024);
      }
      assertThat(accepted).as("bytes written before the close").isLessThan(64L * 1024 * 1024);
      assertThat(stats.oversizedFrames()).isEqualTo(2);

      // the partner's own connection was never touched
      Future<Message<JsonObject>> lookup = request(5_000);
      JsonObject delivered = nextMessage(partner);
      partner.send(reply(delivered, "still-served"));
      assertThat(lookup.await().body().getJsonArray("segments").getList())
          .containsExactly("still-served");
    }
  }

  @Test
  void framesUpToTheCapShouldPassAndOneByteMoreShouldClose() throws Exception {
    int port = deploy(options().setMaxFrameBytes(2_048));
    try (BridgeTestClient partner = new BridgeTestClient(port)) {
      partner.register(ADDRESS, TOKEN);
      assertThat(partner.untilPong()).isEmpty();
      Future<Message<JsonObject>> lookup = request(5_000);
      JsonObject delivered = nextMessage(partner);
      // a reply padded to exactly the cap goes through
      JsonObject exact = reply(delivered, "x");
      int padding = 2_048 - exact.put("pad", "").encode().length();
      partner.send(exact.put("pad", "p".repeat(padding)));
      assertThat(lookup.await().body().getJsonArray("segments").getList()).containsExactly("x");

      partner.send(new JsonObject().put("type", "ping").put("pad", "p".repeat(2_048)));
      assertThatThrownBy(partner::next).isInstanceOf(IOException.class);
    }
    assertThat(stats.oversizedFrames()).isEqualTo(1);
  }

  @Test
  void connectionsBeyondTheLimitsShouldBeClosedAtAccept() throws Exception {
    int port = deploy(options().setMaxConnections(3).setMaxConnectionsPerAddress(2));
    List<BridgeTestClient> open = new ArrayList<>();
    try {
      open.add(client(port, "127.0.0.1"));
      open.add(client(port, "127.0.0.1"));
      for (BridgeTestClient c : open) {
        assertThat(c.untilPong()).isEmpty();
      }
      // a third from the same address: over the per-address limit
      try (BridgeTestClient third = client(port, "127.0.0.1")) {
        assertThatThrownBy(third::untilPong).isInstanceOf(IOException.class);
      }
      // another address still gets in, up to the total
      open.add(client(port, "127.0.0.2"));
      assertThat(open.get(2).untilPong()).isEmpty();
      try (BridgeTestClient fourth = client(port, "127.0.0.3")) {
        assertThatThrownBy(fourth::untilPong).isInstanceOf(IOException.class);
      }
      assertThat(stats.refusedConnections()).isEqualTo(2);
      assertThat(stats.openConnections()).isEqualTo(3);

      // a closed connection frees its place
      open.remove(0).close();
      await().atMost(Duration.ofSeconds(5)).until(() -> stats.openConnections() == 2);
      try (BridgeTestClient again = client(port, "127.0.0.1")) {
        assertThat(again.untilPong()).isEmpty();
      }
    } finally {
      for (BridgeTestClient c : open) {
        c.close();
      }
    }
  }

  @Test
  void aTlsBridgeShouldServeATlsPartnerAndRefuseAPlainOne(@TempDir Path dir) throws Exception {
    SelfSignedPem pem = SelfSignedPem.create(dir, "bridge");
    int port =
        deploy(
            options()
                .setTls(
                    new PartnerBridgeTlsOptions(
                        pem.certPath().toString(), pem.keyPath().toString())));

    try (BridgeTestClient plain = new BridgeTestClient(port)) {
      plain.register(ADDRESS, TOKEN);
      assertThatThrownBy(plain::untilPong).isInstanceOf(IOException.class);
    }
    assertNoConsumer();

    try (BridgeTestClient tls =
        new BridgeTestClient(
            tlsContext(pem.certPath())
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port))) {
      tls.register(ADDRESS, TOKEN);
      assertThat(tls.untilPong()).isEmpty();
      Future<Message<JsonObject>> lookup = request(5_000);
      tls.send(reply(nextMessage(tls), "over-tls"));
      assertThat(lookup.await().body().getJsonArray("segments").getList())
          .containsExactly("over-tls");
    }
  }

  @Test
  void aPartnerThatNeverReadsShouldBeDisconnectedOnceItsWriteQueueStaysFull() throws Exception {
    int port = deploy(options().setWriteQueueMaxBytes(16 * 1024).setSlowReaderTimeoutMs(300));
    Socket raw = new Socket();
    raw.setReceiveBufferSize(4 * 1024);
    raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    try (BridgeTestClient sleeper = new BridgeTestClient(raw)) {
      sleeper.register(ADDRESS, TOKEN);
      assertThat(sleeper.untilPong()).isEmpty();
      JsonObject big = new JsonObject().put("pad", "p".repeat(16 * 1024));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      long sent = 0;
      // the node pushes lookups (16 MB/s, paced so the event loop keeps up); the client reads none
      while (stats.slowReaders() == 0 && System.nanoTime() < deadline) {
        vertx.eventBus().send(ADDRESS, big);
        sent++;
        Thread.sleep(1);
      }
      assertThat(stats.slowReaders()).as("slow readers after %d messages", sent).isEqualTo(1);
      await().atMost(Duration.ofSeconds(5)).until(() -> stats.openConnections() == 0);
      assertNoConsumer();
    }
  }

  /** Writes 1 KiB every 10 ms; returns the ms until the peer closed the connection. */
  private static long trickleUntilClosed(Socket socket, DataOutputStream out, long maxMs)
      throws IOException {
    long started = System.nanoTime();
    InputStream in = socket.getInputStream();
    byte[] chunk = new byte[1024];
    while ((System.nanoTime() - started) / 1_000_000 < maxMs) {
      try {
        out.write(chunk);
        out.flush();
        if (in.read() == -1) {
          return (System.nanoTime() - started) / 1_000_000;
        }
      } catch (SocketTimeoutException stillOpen) {
        // nothing to read yet: the connection is open
      } catch (IOException closed) {
        return (System.nanoTime() - started) / 1_000_000;
      }
      sleep(10);
    }
    return maxMs;
  }

  /** Sends the 2 GB header and then up to {@code max} bytes; returns how many were written. */
  private static long floodUntilClosed(Socket socket, long max) {
    long written = 0;
    try {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(0x7FFFFFFF);
      byte[] chunk = new byte[64 * 1024];
      while (written < max) {
        out.write(chunk);
        written += chunk.length;
      }
    } catch (IOException closed) {
      // the bridge closed the connection
    }
    return written;
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static BridgeTestClient client(int port, String from) throws IOException {
    return new BridgeTestClient(
        new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0));
  }

  private static SSLContext tlsContext(Path certPem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certPem)) {
      trust.setCertificateEntry(
          "bridge", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private Future<Message<JsonObject>> request(long timeoutMs) {
    return vertx
        .eventBus()
        .request(
            ADDRESS,
            new JsonObject().put("uuid", "1"),
            new DeliveryOptions().setSendTimeout(timeoutMs));
  }

  private static JsonObject nextMessage(BridgeTestClient client) throws IOException {
    JsonObject frame = client.next();
    assertThat(frame).isNotNull();
    assertThat(frame.getString("type")).isEqualTo("message");
    return frame;
  }

  private static JsonObject reply(JsonObject message, String segment) {
    return new JsonObject()
        .put("type", "send")
        .put("address", message.getString("replyAddress"))
        .put("body", new JsonObject().put("segments", new JsonArray().add(segment)).put("ttl", 5));
  }

  private void assertNoConsumer() {
    assertThatThrownBy(() -> request(2_000).await())
        .isInstanceOfSatisfying(
            ReplyException.class,
            e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
