package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.json.JsonObject;
import java.io.Serializable;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * A member built from the node's config reads no Java-serialized value of a class outside
 * Hazelcast, the JDK, Vert.x and rtdcs: a forged "gadget" put into a map by anyone who reaches the
 * members is refused when read, instead of being instantiated.
 */
class ClusterSerializationFilterTest {

  @Test
  void aJavaSerializedValueOfAForeignClassShouldBeRefusedWhenRead() {
    Config config =
        HazelcastConfigFactory.create(
            new NodeOptions(
                new JsonObject()
                    .put(
                        "cluster",
                        new JsonObject()
                            .put("name", TestConfigs.clusterName())
                            .put("host", "127.0.0.1")
                            .put("port", TestPorts.freeClusterBase(1)))));
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    try {
      IMap<String, Object> map = member.getMap("rtdcs.test.serialization");
      map.put("gadget", new org.opentest4j.AssertionFailedError("a foreign Serializable class"));
      assertThatThrownBy(() -> map.get("gadget"))
          .hasStackTraceContaining("org.opentest4j.AssertionFailedError");
      // the classes rtdcs's own cluster use still read
      ArrayList<String> list = new ArrayList<>(java.util.List.of("a"));
      map.put("jdk", list);
      assertThat(map.get("jdk")).isEqualTo(list);
      map.put("ours", new Ours("x"));
      assertThat(map.get("ours")).isEqualTo(new Ours("x"));
    } finally {
      member.shutdown();
    }
  }

  record Ours(String value) implements Serializable {}
}
