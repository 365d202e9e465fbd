package io.rtdcs.node;

import io.vertx.core.json.JsonObject;

/**
 * Node configs of tests that prove something other than durability keep state in memory only
 * ({@code store.backend=memory}), so no test reads what an earlier one left in a database; the
 * durable-state tests configure their own database.
 */
final class TestStore {
  private TestStore() {}

  static JsonObject memory(JsonObject conf) {
    if (!conf.containsKey("store")) {
      conf.put("store", new JsonObject().put("backend", "memory"));
    }
    return conf;
  }
}
