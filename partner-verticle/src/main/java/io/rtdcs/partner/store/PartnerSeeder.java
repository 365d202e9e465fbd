package io.rtdcs.partner.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.HazelcastFutures;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Seeds {@code rtdcs.partners} from the config's definitions once per cluster: the first node to
 * set the {@code seeded.partners} marker in {@code rtdcs.meta} writes them; later starts change
 * nothing (the admin API owns the definitions from then on).
 */
public final class PartnerSeeder {
  public static final String MARKER = "seeded.partners";

  private final Vertx vertx;
  private final IMap<String, String> meta;
  private final PartnerDefinitionStore store;
  private final Clock clock;

  public PartnerSeeder(
      Vertx vertx, HazelcastInstance hz, PartnerDefinitionStore store, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.meta = Objects.requireNonNull(hz, "hz").getMap(ClusterMaps.META);
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Completes with whether this call wrote the definitions. */
  public Future<Boolean> seed(List<PartnerDefinition> definitions) {
    if (definitions.size() > io.rtdcs.common.Limits.MAX_PARTNERS) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "definitions.partners: at most "
                  + io.rtdcs.common.Limits.MAX_PARTNERS
                  + " partners, got "
                  + definitions.size()));
    }
    if (definitions.isEmpty()) {
      return Future.succeededFuture(false); // nothing to seed: leave the marker to a node that has
    }
    String stamp = Instant.ofEpochMilli(clock.millis()).toString();
    return HazelcastFutures.onContext(
            meta.submitToKey(MARKER, new PutIfAbsent(stamp)), vertx.getOrCreateContext())
        .compose(
            first -> {
              if (!Boolean.TRUE.equals(first)) {
                return Future.succeededFuture(false);
              }
              Map<Integer, String> values = new TreeMap<>();
              definitions.forEach(d -> values.put(d.dpid(), d.toJson().encode()));
              return store.putAll(values).map(true);
            });
  }

  /** Sets the value if the key has none; returns whether it did. Runs at the key's owner. */
  static final class PutIfAbsent implements EntryProcessor<String, String, Boolean> {
    private static final long serialVersionUID = 1L;
    private final String value;

    PutIfAbsent(String value) {
      this.value = value;
    }

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
      if (entry.getValue() != null) {
        return false;
      }
      entry.setValue(value);
      return true;
    }
  }
}
