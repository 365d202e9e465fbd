package io.rtdcs.segment.definitions;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.rtdcs.segment.SegmentOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Seeds the definition maps from the verticle config once per cluster (marker {@code
 * seeded.definitions} in {@code rtdcs.meta}). Everything is validated before anything is written.
 */
public final class DefinitionsSeeder {
  public static final String MARKER = "seeded.definitions";

  /** Validated definitions of a config section, ready to write. */
  public record Seed(
      Map<Integer, TraitDefinition> traits,
      Map<Integer, SegmentDefinition> segments,
      Map<Integer, DestinationDefinition> destinations,
      Map<Integer, MergeRule> mergeRules) {
    public boolean isEmpty() {
      return traits.isEmpty()
          && segments.isEmpty()
          && destinations.isEmpty()
          && mergeRules.isEmpty();
    }
  }

  /** {@link #validate(JsonObject, int)} with the default {@code segment.maxMergeRules}. */
  public static Seed validate(JsonObject section) {
    return validate(section, SegmentOptions.DEFAULT_MAX_MERGE_RULES);
  }

  /**
   * Validates the {@code definitions} section; 400 naming {@code definitions.<list>[i].<field>},
   * 409 for a reference to a definition that does not exist (a segment's trait, segment or merge
   * rule), 400 for more than {@code maxMergeRules} merge rules.
   */
  public static Seed validate(JsonObject section, int maxMergeRules) {
    Map<Integer, TraitDefinition> traits =
        parse(section, "traits", TraitDefinition::fromJson, TraitDefinition::sid, "sid");
    Map<Integer, SegmentDefinition> segments =
        parse(section, "segments", SegmentDefinition::fromJson, SegmentDefinition::id, "id");
    Map<Integer, DestinationDefinition> destinations =
        parse(
            section,
            "destinations",
            DestinationDefinition::fromJson,
            DestinationDefinition::id,
            "id");
    Map<Integer, MergeRule> mergeRules =
        parse(section, "mergeRules", MergeRule::fromJson, MergeRule::id, "id");
    if (mergeRules.size() > maxMergeRules) {
      throw RequestException.badRequest(
          "definitions.mergeRules",
          mergeRules.size()
              + " merge rules, at most "
              + maxMergeRules
              + " (segment.maxMergeRules; rule 0 counts when defined)");
    }
    try {
      new Definitions(traits, segments, destinations, Map.of(), mergeRules, 0).checkReferences();
    } catch (RequestException e) {
      throw new RequestException(e.code(), "definitions: " + e.getMessage());
    }
    return new Seed(traits, segments, destinations, mergeRules);
  }

  /**
   * Checks the URLs of the server-to-server destinations of the {@code definitions} section ({@link
   * DestinationUrlGuard}); 400 naming {@code definitions.destinations[i].<field>}. Blocking.
   */
  public static void checkEgress(JsonObject section, Seed seed, OutboundAddressPolicy egress) {
    JsonArray items = JsonFields.optArray(section, "destinations", "definitions.destinations");
    for (int i = 0; i < items.size(); i++) {
      if (!(items.getValue(i) instanceof JsonObject item)
          || !(item.getValue("id") instanceof Integer id)
          || seed.destinations().get(id) == null) {
        continue;
      }
      try {
        DestinationUrlGuard.check(seed.destinations().get(id), egress);
      } catch (RequestException e) {
        throw new RequestException(
            e.code(), "definitions.destinations[" + i + "]." + e.getMessage());
      }
    }
  }

  /** Writes the seed unless the cluster was seeded already; returns whether it wrote. Blocking. */
  public static boolean seed(HazelcastInstance hz, Seed seed, long now) {
    if (seed.isEmpty()) {
      return false;
    }
    IMap<String, String> meta = hz.getMap(ClusterMaps.META);
    if (meta.putIfAbsent(MARKER, "seeding:" + now) != null) {
      return false;
    }
    write(hz.getMap(ClusterMaps.MERGE_RULES), seed.mergeRules(), MergeRule::json);
    write(hz.getMap(ClusterMaps.TRAITS), seed.traits(), TraitDefinition::json);
    write(hz.getMap(ClusterMaps.SEGMENTS), seed.segments(), SegmentDefinition::json);
    write(hz.getMap(ClusterMaps.DESTINATIONS), seed.destinations(), DestinationDefinition::json);
    meta.set(MARKER, "done:" + now);
    return true;
  }

  private static <T> void write(
      IMap<Integer, String> map, Map<Integer, T> defs, Function<T, JsonObject> json) {
    Map<Integer, String> encoded = new HashMap<>();
    defs.forEach((id, d) -> encoded.put(id, json.apply(d).encode()));
    map.putAll(encoded);
  }

  private static <T> Map<Integer, T> parse(
      JsonObject section,
      String list,
      Function<JsonObject, T> parser,
      Function<T, Integer> id,
      String idField) {
    JsonArray items = JsonFields.optArray(section, list, "definitions." + list);
    Map<Integer, T> out = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String prefix = "definitions." + list + "[" + i + "]";
      JsonObject item = JsonFields.object(items.getValue(i), prefix);
      T def;
      try {
        def = parser.apply(item);
      } catch (RequestException e) {
        throw new RequestException(e.code(), prefix + "." + e.getMessage());
      }
      if (out.put(id.apply(def), def) != null) {
        throw RequestException.badRequest(prefix + "." + idField, "duplicate " + id.apply(def));
      }
    }
    return out;
  }

  private DefinitionsSeeder() {}
}
