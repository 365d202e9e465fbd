package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The three-node kill -9 scenario of {@link FatJarClusterIT} with the image the repository's
 * Dockerfile builds from the sources (its first stage runs Maven: the first build takes minutes),
 * each node advertising its event bus under its network alias as docker-compose.yml does. Skipped
 * where no Docker engine runs (as on the project's CI machines, where FatJarClusterIT proves the
 * same).
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerClusterIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final List<GenericContainer<?>> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(GenericContainer::stop);
  }

  @Test
  void profilesShouldSurviveTheLossOfTheNodeThatWroteThem() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    ImageFromDockerfile image =
        new ImageFromDockerfile("rtdcs-it", false).withDockerfile(root.resolve("Dockerfile"));
    Network network = Network.newNetwork();
    for (int i = 1; i <= 3; i++) {
      GenericContainer<?> c =
          new GenericContainer<>(image)
              .withNetwork(network)
              .withNetworkAliases("node" + i)
              .withEnv("RTDCS_CLUSTER_MEMBERS", "node1,node2,node3")
              .withEnv("RTDCS_CLUSTER_EVENT_BUS_PUBLIC_HOST", "node" + i)
              .withEnv("RTDCS_ADMIN_TOKEN", TestConfigs.ADMIN_TOKEN)
              .withEnv("RTDCS_DEMO_PARTNER", "false")
              .withExposedPorts(8080)
              .waitingFor(Wait.forHttp("/health/ready").forStatusCode(200))
              .withStartupTimeout(Duration.ofMinutes(3));
      c.start();
      nodes.add(c);
    }

    GenericContainer<?> victim = nodes.get(0);
    List<String> uuids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      JsonObject body = new JsonObject(get(victim, "/event?d_rtbd=json&d_sid=3001", null).body());
      assertThat(body.getJsonArray("traits", new JsonArray()).getList()).contains(3001);
      uuids.add(body.getString("uuid"));
    }
    victim.getDockerClient().killContainerCmd(victim.getContainerId()).withSignal("KILL").exec();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (String uuid : uuids) {
                HttpResponse<String> r =
                    get(
                        nodes.get(1 + Math.abs(uuid.hashCode()) % 2),
                        "/profiles/" + uuid,
                        TestConfigs.ADMIN_TOKEN);
                assertThat(r.statusCode()).isEqualTo(200);
              }
            });
  }

  private static HttpResponse<String> get(GenericContainer<?> c, String path, String bearer)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
            URI.create("http://" + c.getHost() + ":" + c.getMappedPort(8080) + path));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
