package io.rtdcs.node;

import io.rtdcs.common.ConfigValues;
import io.rtdcs.store.StoreOptions;
import io.vertx.core.json.JsonObject;

/** Reads the node config's {@code store} section (docs/storage.md) into {@link StoreOptions}. */
final class StoreConfig {
  private StoreConfig() {}

  /**
   * Unknown keys and wrong types are refused with the key's name ({@link ConfigValues}); ranges and
   * what the backend needs, by {@link StoreOptions}.
   */
  static StoreOptions read(JsonObject store) {
    ConfigValues c = new ConfigValues(store, "store");
    StoreOptions o = new StoreOptions();
    o.setBackend(c.string("backend", "embedded"));
    o.setPath(c.string("path", o.getPath()));
    o.setUrl(c.string("url", null));
    o.setUser(c.string("user", null));
    o.setPassword(c.string("password", null));
    o.setPoolSize(c.integer("poolSize", o.getPoolSize()));
    o.setWriteDelaySeconds(c.integer("writeDelaySeconds", o.getWriteDelaySeconds()));
    o.setWriteBehindLimit(c.integer("writeBehindLimit", o.getWriteBehindLimit()));
    o.setWriteBatchSize(c.integer("writeBatchSize", o.getWriteBatchSize()));
    o.setProfileHeapPercentage(c.integer("profileHeapPercentage", o.getProfileHeapPercentage()));
    o.setIdHeapPercentage(c.integer("idHeapPercentage", o.getIdHeapPercentage()));
    o.setPeopleHeapPercentage(c.integer("peopleHeapPercentage", o.getPeopleHeapPercentage()));
    o.setSweepIntervalSeconds(c.integer("sweepIntervalSeconds", o.getSweepIntervalSeconds()));
    o.setOptOutDays(c.integer("optOutDays", o.getOptOutDays()));
    c.rejectUnknown("store");
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
