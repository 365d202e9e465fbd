package io.rtdcs.node;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits until a node's readiness reports the cluster safe (no partition migration or backup sync
 * pending), as docs/deploy.md asks before traffic. Tests that start in-JVM members and then write
 * at once call it: during the first migration to a new member, event-bus subscriptions and profile
 * operations were seen delayed or reordered (a bridge consumer unregistered while its registration
 * was still being retried stayed registered cluster-wide; an opt-out timed out).
 */
final class ClusterSafety {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ClusterSafety() {}

  static void awaitSafe(int httpPort) {
    await("cluster safe on :" + httpPort)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> safe(httpPort));
  }

  private static boolean safe(int httpPort) {
    try {
      HttpResponse<String> ready =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonArray checks = new JsonObject(ready.body()).getJsonArray("checks", new JsonArray());
      for (int i = 0; i < checks.size(); i++) {
        JsonObject check = checks.getJsonObject(i);
        if ("hazelcast".equals(check.getString("id"))) {
          JsonObject data = check.getJsonObject("data", new JsonObject());
          return data.getBoolean("safe", false);
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }
}
