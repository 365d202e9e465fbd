package io.rtdcs.node;

import io.rtdcs.store.StoreOptions;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Reads the node config's {@code store} section (docs/storage.md) into {@link StoreOptions}. */
final class StoreConfig {
  static final Set<String> KEYS =
      Set.of(
          "backend",
          "path",
          "url",
          "user",
          "password",
          "poolSize",
          "writeDelaySeconds",
          "writeBatchSize",
          "writeBehindLimit",
          "profileHeapPercentage",
          "idHeapPercentage",
          "peopleHeapPercentage",
          "sweepIntervalSeconds",
          "optOutDays");

  private StoreConfig() {}

  /** Unknown keys and wrong types are refused with the key's name. */
  static StoreOptions read(JsonObject store) {
    for (String key : store.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "store."
                + key
                + ": unknown key (expected one of "
                + new java.util.TreeSet<>(KEYS)
                + ")");
      }
    }
    StoreOptions o = new StoreOptions();
    o.setBackend(NodeOptions.stringValue(store, "backend", "store.backend", "embedded"));
    o.setPath(NodeOptions.stringValue(store, "path", "store.path", o.getPath()));
    o.setUrl(NodeOptions.stringValue(store, "url", "store.url", null));
    o.setUser(NodeOptions.stringValue(store, "user", "store.user", null));
    o.setPassword(NodeOptions.stringValue(store, "password", "store.password", null));
    o.setPoolSize(NodeOptions.intValue(store, "poolSize", "store.poolSize", o.getPoolSize()));
    o.setWriteDelaySeconds(
        NodeOptions.intValue(
            store, "writeDelaySeconds", "store.writeDelaySeconds", o.getWriteDelaySeconds()));
    o.setWriteBehindLimit(
        NodeOptions.intValue(
            store, "writeBehindLimit", "store.writeBehindLimit", o.getWriteBehindLimit()));
    o.setWriteBatchSize(
        NodeOptions.intValue(
            store, "writeBatchSize", "store.writeBatchSize", o.getWriteBatchSize()));
    o.setProfileHeapPercentage(
        NodeOptions.intValue(
            store,
            "profileHeapPercentage",
            "store.profileHeapPercentage",
            o.getProfileHeapPercentage()));
    o.setIdHeapPercentage(
        NodeOptions.intValue(
            store, "idHeapPercentage", "store.idHeapPercentage", o.getIdHeapPercentage()));
    o.setPeopleHeapPercentage(
        NodeOptions.intValue(
            store,
            "peopleHeapPercentage",
            "store.peopleHeapPercentage",
            o.getPeopleHeapPercentage()));
    o.setSweepIntervalSeconds(
        NodeOptions.intValue(
            store,
            "sweepIntervalSeconds",
            "store.sweepIntervalSeconds",
            o.getSweepIntervalSeconds()));
    o.setOptOutDays(
        NodeOptions.intValue(store, "optOutDays", "store.optOutDays", o.getOptOutDays()));
    return o.validate();
  }

  /** The section as configured, without the password. */
  static JsonObject toJson(StoreOptions o) {
    return new JsonObject()
        .put("backend", o.getBackend().name().toLowerCase(java.util.Locale.ROOT))
        .put("path", o.getPath())
        .put("url", o.getUrl())
        .put("user", o.getUser())
        .put("poolSize", o.getPoolSize())
        .put("writeDelaySeconds", o.getWriteDelaySeconds())
        .put("writeBatchSize", o.getWriteBatchSize())
        .put("writeBehindLimit", o.getWriteBehindLimit())
        .put("profileHeapPercentage", o.getProfileHeapPercentage())
        .put("idHeapPercentage", o.getIdHeapPercentage())
        .put("peopleHeapPercentage", o.getPeopleHeapPercentage())
        .put("sweepIntervalSeconds", o.getSweepIntervalSeconds())
        .put("optOutDays", o.getOptOutDays());
  }
}
