package io.rtdcs.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HazelcastFuturesTest {
  private static HazelcastInstance hz;

  @BeforeAll
  static void startMember() {
    Config c = new Config().setClusterName("test-" + UUID.randomUUID());
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.getNetworkConfig().setPort(5990).setPortAutoIncrement(true);
    c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    c.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(false);
    hz = Hazelcast.newHazelcastInstance(c);
  }

  @AfterAll
  static void stopMember() {
    hz.shutdown();
  }

  @Test
  void hazelcastResultShouldCompleteOnTheCallersEventLoop(Vertx vertx, VertxTestContext ctx) {
    IMap<String, String> map = hz.getMap("bridge-test");
    Context context = vertx.getOrCreateContext();
    context.runOnContext(
        v -> {
          Thread eventLoop = Thread.currentThread();
          HazelcastFutures.onContext(map.putAsync("k", "v"), context)
              .compose(old -> HazelcastFutures.onContext(map.getAsync("k"), context))
              .onComplete(
                  ctx.succeeding(
                      value ->
                          ctx.verify(
                              () -> {
                                assertThat(value).isEqualTo("v");
                                assertThat(Thread.currentThread()).isSameAs(eventLoop);
                                ctx.completeNow();
                              })));
        });
  }

  @Test
  void failureShouldArriveUnwrappedOnTheContext(Vertx vertx, VertxTestContext ctx) {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<String> stage = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          Thread eventLoop = Thread.currentThread();
          HazelcastFutures.onContext(stage, context)
              .onComplete(
                  ctx.failing(
                      e ->
                          ctx.verify(
                              () -> {
                                assertThat(e).isInstanceOf(IllegalStateException.class);
                                assertThat(Thread.currentThread()).isSameAs(eventLoop);
                                ctx.completeNow();
                              })));
          new Thread(
                  () ->
                      stage.completeExceptionally(
                          new java.util.concurrent.CompletionException(
                              new IllegalStateException("boom"))))
              .start();
        });
  }
}
