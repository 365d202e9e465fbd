package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node that cannot start says why and leaves nothing running. Its HTTP port taken by another
 * process made the start close Vert.x from one of its own event loops, whose futures then never
 * passed the failure on: the caller (Main) waited forever and printed nothing.
 */
@Timeout(120)
class FailedStartTest {

  @Test
  void aTakenHttpPortShouldFailTheStartWithTheCause() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      JsonObject conf =
          TestConfigs.demoCluster(
              TestConfigs.clusterName(),
              TestPorts.freeClusterBase(2),
              taken.getLocalPort(),
              TestPorts.free());
      conf.getJsonObject("demoPartner").put("enabled", false);
      Throwable failure =
          catchThrowable(
              () ->
                  RtdcsNode.start(new NodeOptions(TestStore.memory(conf)), Clock.systemUTC())
                      .toCompletionStage()
                      .toCompletableFuture()
                      .get(90, TimeUnit.SECONDS));
      assertThat(failure).isInstanceOf(ExecutionException.class);
      assertThat(failure.getCause())
          .hasMessageContaining("http listener 127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("Address already in use");
    }
  }
}
