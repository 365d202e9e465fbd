package io.rtdcs.common.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A push or token request whose connection reached an address {@code egress.allow} does not open
 * sends nothing, whatever the URL looked like when the destination was written (DNS rebinding).
 */
class HttpExchangeEgressTest {
  private Vertx vertx;
  private HttpServer server;
  private HttpClient client;
  private final AtomicInteger received = new AtomicInteger();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    req -> {
                      received.incrementAndGet();
                      req.response().end("{}");
                    })
                .listen(0, "127.0.0.1"));
    client = vertx.createHttpClient();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void aPushThatConnectsToLoopbackShouldSendNothing() {
    String url = "http://localhost:" + server.actualPort() + "/push";

    assertThatThrownBy(() -> post(url, OutboundAddressPolicy.DEFAULT))
        .hasMessageStartingWith("address refused: resolves to a loopback address (127.0.0.1)");
    assertThat(received).hasValue(0);
  }

  @Test
  void aPushToAnAllowedAddressShouldBeSent() {
    String url = "http://localhost:" + server.actualPort() + "/push";

    HttpExchange.Reply reply = post(url, new OutboundAddressPolicy(List.of("127.0.0.1")));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(received).hasValue(1);
  }

  private HttpExchange.Reply post(String url, OutboundAddressPolicy policy) {
    return await(
        HttpExchange.post(
            vertx,
            client,
            url,
            MultiMap.caseInsensitiveMultiMap(),
            Buffer.buffer("{}"),
            2_000,
            1_000,
            policy));
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    return future.await();
  }
}
