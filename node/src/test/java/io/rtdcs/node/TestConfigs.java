package io.rtdcs.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Node configs for tests: the demo configuration moved onto free ports and a private cluster. */
final class TestConfigs {
  static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  private TestConfigs() {}

  static JsonObject demo() {
    try (InputStream in = TestConfigs.class.getClassLoader().getResourceAsStream("demo.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The demo config for a private test cluster; the demo partner (if any) listens on demoPort. */
  static JsonObject demoCluster(String clusterName, int clusterPort, int httpPort, int demoPort) {
    JsonObject c = demo();
    c.getJsonObject("http").put("port", httpPort).put("host", "127.0.0.1");
    c.getJsonObject("cluster")
        .put("name", clusterName)
        .put("port", clusterPort)
        .put("members", new JsonArray().add("127.0.0.1"));
    c.put("admin", new JsonObject().put("token", ADMIN_TOKEN));
    c.getJsonObject("demoPartner").put("port", demoPort);
    JsonArray partners = c.getJsonObject("definitions").getJsonArray("partners");
    for (int i = 0; i < partners.size(); i++) {
      JsonObject p = partners.getJsonObject(i);
      p.put("url", p.getString("url").replace(":8090", ":" + demoPort));
      JsonObject sync = p.getJsonObject("sync");
      if (sync != null) {
        sync.put("url", sync.getString("url").replace(":8090", ":" + demoPort));
      }
    }
    return c;
  }

  static String clusterName() {
    return "rtdcs-test-" + UUID.randomUUID();
  }
}
