package io.rtdcs.segment.definitions;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.DefinitionWrites;
import io.rtdcs.common.ImportPlan;
import io.rtdcs.common.WriteOnlySecrets;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code dcs.admin.definitions}: the traits, segments, destinations and merge rules of {@code POST
 * /admin/import} as one set. {@code import} validates every item as its PUT would (rules parse,
 * masked secrets keep the stored ones) and the references of the resulting set (a segment's traits,
 * segments and merge rule exist, no cycle, a destination's segments exist, at most {@code
 * segment.maxMergeRules} merge rules), answers the difference, and unless a dry run writes it all
 * or nothing; {@code restore} puts back what an import wrote. A request without {@code mergeRules}
 * (a document exported before merge rules existed) leaves the stored merge rules as they are.
 * Blocking: the handler runs it on a worker.
 */
public final class DefinitionsImport {
  private static final Set<String> MAPS =
      Set.of(
          DefinitionKind.TRAITS.map(),
          DefinitionKind.SEGMENTS.map(),
          DefinitionKind.DESTINATIONS.map(),
          DefinitionKind.MERGE_RULES.map());

  /**
   * The order of the writes: merge rules before the segments that name them (deletes run in the
   * reverse order, so a merge rule leaves after its segments).
   */
  private static final List<DefinitionKind> WRITE_ORDER =
      List.of(
          DefinitionKind.MERGE_RULES,
          DefinitionKind.TRAITS,
          DefinitionKind.SEGMENTS,
          DefinitionKind.DESTINATIONS);

  private final HazelcastInstance hz;
  private final OutboundAddressPolicy egress;
  private final DefinitionWrites writes;
  private final int maxMergeRules;

  /**
   * {@code egress}: what a destination's URLs may reach, as for a PUT; {@code maxMergeRules}:
   * {@code segment.maxMergeRules}.
   */
  public DefinitionsImport(HazelcastInstance hz, OutboundAddressPolicy egress, int maxMergeRules) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.egress = Objects.requireNonNull(egress, "egress");
    this.maxMergeRules = maxMergeRules;
    this.writes = new DefinitionWrites(name -> hz.<Integer, String>getMap(name));
  }

  public JsonObject handle(JsonObject request) {
    String op = JsonFields.requireString(request, "op", "op");
    return switch (op) {
      case "import" -> importAll(request);
      case "restore" -> restore(request);
      default -> throw RequestException.badRequest("op", "must be import or restore");
    };
  }

  private JsonObject importAll(JsonObject request) {
    boolean prune = JsonFields.optBoolean(request, "prune", "prune", true);
    boolean dryRun = JsonFields.optBoolean(request, "dryRun", "dryRun", false);
    Map<DefinitionKind, JsonArray> items = new EnumMap<>(DefinitionKind.class);
    Map<DefinitionKind, Map<Integer, String>> stored = new EnumMap<>(DefinitionKind.class);
    for (DefinitionKind kind : DefinitionKind.values()) {
      Object given = request.getValue(name(kind));
      if (given == null && kind == DefinitionKind.MERGE_RULES) {
        // a document from before merge rules: the stored ones stay (no items, nothing compared)
      } else if (given instanceof JsonArray a) {
        items.put(kind, a);
      } else {
        throw RequestException.badRequest(name(kind), "required, an array");
      }
      Map<Integer, String> raw = new TreeMap<>();
      hz.<Integer, Object>getMap(kind.map()).forEach((id, v) -> raw.put(id, String.valueOf(v)));
      stored.put(kind, raw);
    }
    ImportPlan plan = plan(items, stored, prune, egress, maxMergeRules);
    if (!plan.valid() || dryRun) {
      return plan.toJson();
    }
    List<DefinitionWrites.Step> undo;
    try {
      undo = writes.apply(plan.steps());
    } catch (DefinitionWrites.WriteFailed e) {
      refreshLocal();
      throw new RequestException(503, e.getMessage());
    }
    refreshLocal();
    return plan.toJson().put("undo", DefinitionWrites.toJson(undo));
  }

  private JsonObject restore(JsonObject request) {
    List<DefinitionWrites.Step> undo;
    try {
      undo = DefinitionWrites.fromJson(request.getValue("undo"), MAPS);
    } catch (IllegalArgumentException e) {
      throw RequestException.badRequest("undo", e.getMessage());
    }
    boolean all = writes.restore(undo);
    refreshLocal();
    if (!all) {
      throw new RequestException(503, "some definitions could not be put back");
    }
    return new JsonObject().put("restored", undo.size());
  }

  /**
   * Validates the document's items against the stored ones; writes nothing. {@code items} lacks
   * {@link DefinitionKind#MERGE_RULES} when the document has none: the stored ones stay.
   */
  static ImportPlan plan(
      Map<DefinitionKind, JsonArray> items,
      Map<DefinitionKind, Map<Integer, String>> stored,
      boolean prune,
      OutboundAddressPolicy egress,
      int maxMergeRules) {
    ImportPlan plan = new ImportPlan();
    boolean withRules = items.containsKey(DefinitionKind.MERGE_RULES);
    Map<Integer, MergeRule> mergeRules =
        withRules
            ? parsed(items, stored, DefinitionKind.MERGE_RULES, MergeRule::fromJson, plan)
            : Map.of();
    Map<Integer, TraitDefinition> traits =
        parsed(items, stored, DefinitionKind.TRAITS, TraitDefinition::fromJson, plan);
    Map<Integer, SegmentDefinition> segments =
        parsed(items, stored, DefinitionKind.SEGMENTS, SegmentDefinition::fromJson, plan);
    Map<Integer, DestinationDefinition> destinations =
        parsed(items, stored, DefinitionKind.DESTINATIONS, DestinationDefinition::fromJson, plan);
    // the references of the set as it will be: pruned to the document, or merged into the stored
    Definitions after =
        new Definitions(
            merged(prune, stored.get(DefinitionKind.TRAITS), TraitDefinition::fromJson, traits),
            merged(
                prune, stored.get(DefinitionKind.SEGMENTS), SegmentDefinition::fromJson, segments),
            merged(
                prune,
                stored.get(DefinitionKind.DESTINATIONS),
                DestinationDefinition::fromJson,
                destinations),
            Map.of(),
            merged(
                prune && withRules,
                stored.get(DefinitionKind.MERGE_RULES),
                MergeRule::fromJson,
                mergeRules),
            0);
    if (after.mergeRules().size() > maxMergeRules) {
      plan.error(
          name(DefinitionKind.MERGE_RULES),
          after.mergeRules().size()
              + " merge rules, at most "
              + maxMergeRules
              + " (segment.maxMergeRules; rule 0 counts when defined)");
    }
    Map<Integer, Integer> segmentIndex = index(items.get(DefinitionKind.SEGMENTS), "id", 1);
    for (SegmentDefinition s : segments.values()) {
      try {
        after.checkSegmentReferences(s);
        after.checkMergeRuleReference(s);
      } catch (RequestException e) {
        plan.error(
            name(DefinitionKind.SEGMENTS),
            s.id(),
            segmentIndex.getOrDefault(s.id(), -1),
            e.getMessage());
      }
    }
    if (after.cycleSegment() != 0) {
      int id = after.cycleSegment();
      plan.error(
          name(DefinitionKind.SEGMENTS),
          id,
          segmentIndex.getOrDefault(id, -1),
          "rule: segment " + id + " depends on itself through its segment references");
    }
    Map<Integer, Integer> destinationIndex = index(items.get(DefinitionKind.DESTINATIONS), "id", 1);
    for (DestinationDefinition d : destinations.values()) {
      try {
        DestinationUrlGuard.check(d, egress);
        after.checkDestination(d);
      } catch (RequestException e) {
        plan.error(
            name(DefinitionKind.DESTINATIONS),
            d.id(),
            destinationIndex.getOrDefault(d.id(), -1),
            e.getMessage());
      }
    }
    for (DefinitionKind kind : WRITE_ORDER) {
      if (!items.containsKey(kind)) {
        continue;
      }
      Map<Integer, JsonObject> desired = new TreeMap<>();
      Map<Integer, ?> defs =
          switch (kind) {
            case TRAITS -> traits;
            case SEGMENTS -> segments;
            case DESTINATIONS -> destinations;
            case MERGE_RULES -> mergeRules;
          };
      defs.forEach((id, d) -> desired.put(id, json(d)));
      plan.compare(name(kind), kind.map(), stored.get(kind), desired, prune);
    }
    return plan;
  }

  /** The valid items of one kind, parsed as a PUT parses them; an error per invalid one. */
  private static <T> Map<Integer, T> parsed(
      Map<DefinitionKind, JsonArray> items,
      Map<DefinitionKind, Map<Integer, String>> stored,
      DefinitionKind kind,
      Function<JsonObject, T> parser,
      ImportPlan plan) {
    Map<Integer, T> out = new TreeMap<>();
    Map<Integer, Boolean> seen = new HashMap<>();
    JsonArray array = items.get(kind);
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        plan.error(name(kind), null, i, "expected a JSON object");
        continue;
      }
      Integer id = id(item.getValue(kind.idField()), kind.minId());
      if (id == null) {
        plan.error(
            name(kind),
            null,
            i,
            kind.idField()
                + (kind.minId() == 0
                    ? ": required, 0 or a positive integer"
                    : ": required, a positive integer"));
        continue;
      }
      if (seen.put(id, true) != null) {
        plan.error(name(kind), id, i, kind.idField() + ": " + id + " appears more than once");
        continue;
      }
      try {
        JsonObject json = item;
        if (kind == DefinitionKind.DESTINATIONS
            && WriteOnlySecrets.masked(item, DefinitionsAdmin.DESTINATION_SECRETS)) {
          String old = stored.get(kind).get(id);
          json =
              WriteOnlySecrets.keepStored(
                  item,
                  old == null ? null : new JsonObject(old),
                  DefinitionsAdmin.DESTINATION_SECRETS);
        }
        out.put(id, parser.apply(json));
      } catch (RuntimeException e) {
        plan.error(name(kind), id, i, e.getMessage());
      }
    }
    return out;
  }

  private static <T> Map<Integer, T> merged(
      boolean prune,
      Map<Integer, String> stored,
      Function<JsonObject, T> parser,
      Map<Integer, T> doc) {
    Map<Integer, T> out = new HashMap<>();
    if (!prune) {
      stored.forEach(
          (id, json) -> {
            try {
              out.put(id, parser.apply(new JsonObject(json)));
            } catch (RuntimeException e) {
              // unreadable stored entries are skipped, as the loader skips them
            }
          });
    }
    out.putAll(doc);
    return out;
  }

  private static Map<Integer, Integer> index(JsonArray items, String idField, int minId) {
    Map<Integer, Integer> out = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.getValue(i) instanceof JsonObject o) {
        Integer id = id(o.getValue(idField), minId);
        if (id != null) {
          out.putIfAbsent(id, i);
        }
      }
    }
    return out;
  }

  private static JsonObject json(Object definition) {
    if (definition instanceof TraitDefinition t) {
      return t.json();
    }
    if (definition instanceof SegmentDefinition s) {
      return s.json();
    }
    if (definition instanceof MergeRule r) {
      return r.json();
    }
    return ((DestinationDefinition) definition).json();
  }

  static String name(DefinitionKind kind) {
    return kind.key();
  }

  /** An id of at least {@code minId}, or null. */
  private static Integer id(Object value, int minId) {
    if (value instanceof Integer i && i >= minId) {
      return i;
    }
    if (value instanceof Long l && l >= minId && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    return null;
  }

  /** This member applies the change before replying; the others within milliseconds. */
  private void refreshLocal() {
    try {
      DefinitionsRegistry.forInstance(hz).reload().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the map listener reloads anyway
    }
  }
}
