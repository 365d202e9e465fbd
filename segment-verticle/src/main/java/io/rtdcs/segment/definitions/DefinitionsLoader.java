package io.rtdcs.segment.definitions;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.ClusterMaps;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and compiles every definition from the cluster maps. Blocking: call it on a worker or the
 * definitions thread, never on an event loop or a partition thread.
 */
public final class DefinitionsLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DefinitionsLoader.class);

  public static Definitions load(HazelcastInstance hz, long version) {
    Map<Integer, TraitDefinition> traits = new HashMap<>();
    for (String json : strings(hz, ClusterMaps.TRAITS)) {
      parse(json, "trait", t -> traits.put(t.sid(), t), TraitDefinition::fromJson);
    }
    Map<Integer, SegmentDefinition> segments = new HashMap<>();
    for (String json : strings(hz, ClusterMaps.SEGMENTS)) {
      parse(json, "segment", s -> segments.put(s.id(), s), SegmentDefinition::fromJson);
    }
    Map<Integer, DestinationDefinition> destinations = new HashMap<>();
    for (String json : strings(hz, ClusterMaps.DESTINATIONS)) {
      parse(json, "destination", d -> destinations.put(d.id(), d), DestinationDefinition::fromJson);
    }
    Map<Integer, MergeRule> mergeRules = new HashMap<>();
    for (String json : strings(hz, ClusterMaps.MERGE_RULES)) {
      parse(json, "merge rule", r -> mergeRules.put(r.id(), r), MergeRule::fromJson);
    }
    Map<Integer, Integer> partnerTtl = new HashMap<>();
    for (String json : strings(hz, ClusterMaps.PARTNERS)) {
      try {
        JsonObject p = new JsonObject(json);
        Integer dpid = p.getInteger("dpid");
        Integer ttl = p.getInteger("cacheTtlSeconds");
        if (dpid != null && ttl != null && ttl >= 0) {
          partnerTtl.put(dpid, ttl);
        }
      } catch (RuntimeException e) {
        LOG.debug("partner definition without a usable cacheTtlSeconds: {}", e.toString());
      }
    }
    return new Definitions(traits, segments, destinations, partnerTtl, mergeRules, version);
  }

  private static List<String> strings(HazelcastInstance hz, String mapName) {
    List<String> out = new ArrayList<>();
    for (Object v : hz.getMap(mapName).values()) {
      if (v instanceof String s) {
        out.add(s);
      } else if (v instanceof JsonObject j) {
        out.add(j.encode());
      }
    }
    return out;
  }

  private static <T> void parse(
      String json, String kind, Consumer<T> sink, Function<JsonObject, T> parser) {
    try {
      sink.accept(parser.apply(new JsonObject(json)));
    } catch (RuntimeException e) {
      // never the stored JSON itself: a destination's holds its signing key and OAuth secret
      LOG.warn("stored {} definition skipped ({}); fix it through /admin", kind, e.getMessage());
    }
  }

  private DefinitionsLoader() {}
}
