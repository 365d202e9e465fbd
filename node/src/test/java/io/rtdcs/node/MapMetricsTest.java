package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MapMetricsTest {

  @Test
  void everyRtdcsMapOfTheClusterConfigShouldBeMeasured() {
    Config config = HazelcastConfigFactory.create(new NodeOptions(new JsonObject()));
    assertThat(config.getMapConfigs().keySet().stream().filter(m -> m.startsWith("rtdcs.")))
        .as("a map added to cluster.xml belongs in MapMetrics.MAPS")
        .containsExactlyInAnyOrderElementsOf(MapMetrics.MAPS);
  }
}
