package io.rtdcs.segment.definitions;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.rtdcs.common.WriteOnlySecrets;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Admin list/get/put/delete of traits, segments, destinations and merge rules: validates against
 * the current cluster maps (rules parse, references exist, nothing breaks, a server-to-server
 * destination's URLs reach no internal address {@code egress.allow} does not name, at most {@code
 * segment.maxMergeRules} merge rules), then writes one entry. Blocking: the verticle runs it
 * through {@code executeBlocking}; admin calls are rare and not on the /event path.
 */
public final class DefinitionsAdmin {
  private final HazelcastInstance hz;
  private final OutboundAddressPolicy egress;
  private final int maxMergeRules;

  /** {@code maxMergeRules}: {@code segment.maxMergeRules}, rule 0 counted when defined. */
  public DefinitionsAdmin(HazelcastInstance hz, OutboundAddressPolicy egress, int maxMergeRules) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.egress = Objects.requireNonNull(egress, "egress");
    this.maxMergeRules = maxMergeRules;
  }

  public JsonObject handle(DefinitionKind kind, JsonObject request) {
    String op = JsonFields.requireString(request, "op", "op");
    switch (op) {
      case "list":
        return list(kind);
      case "get":
        return get(kind, id(kind, request));
      case "put":
        return put(kind, request);
      case "delete":
        return delete(kind, id(kind, request));
      default:
        throw RequestException.badRequest("op", "must be list, get, put or delete");
    }
  }

  /** The request's {@code id}: positive, or 0 too for a merge rule (the default rule). */
  private static int id(DefinitionKind kind, JsonObject request) {
    if (kind.minId() > 0) {
      return JsonFields.requirePositiveInt(request, "id", "id");
    }
    int id = JsonFields.requireInt(request, "id", "id");
    if (id < kind.minId()) {
      throw RequestException.badRequest("id", "must be 0 (the default rule) or positive");
    }
    return id;
  }

  private JsonObject list(DefinitionKind kind) {
    Map<Integer, JsonObject> sorted = new TreeMap<>();
    for (Map.Entry<Integer, String> e : map(kind).entrySet()) {
      sorted.put(e.getKey(), shown(kind, new JsonObject(e.getValue())));
    }
    return new JsonObject().put("items", new JsonArray(List.copyOf(sorted.values())));
  }

  private JsonObject get(DefinitionKind kind, int id) {
    String json = map(kind).get(id);
    if (json == null) {
      throw RequestException.notFound("id", "no " + kind.noun() + " " + id);
    }
    return shown(kind, new JsonObject(json));
  }

  /** The write-only secrets of a destination (server-to-server signing and OAuth). */
  static final List<String> DESTINATION_SECRETS = List.of("signing.key", "oauth.clientSecret");

  /** What an admin answer may show of a stored definition: a destination's secrets masked. */
  private static JsonObject shown(DefinitionKind kind, JsonObject definition) {
    return kind == DefinitionKind.DESTINATIONS
        ? WriteOnlySecrets.mask(definition, DESTINATION_SECRETS)
        : definition;
  }

  private JsonObject put(DefinitionKind kind, JsonObject request) {
    int id = id(kind, request);
    JsonObject definition = JsonFields.object(request.getValue("definition"), "definition").copy();
    Object declared = definition.getValue(kind.idField());
    if (declared == null) {
      definition.put(kind.idField(), id);
    } else if (!Objects.equals(
        JsonFields.optInt(definition, kind.idField(), kind.idField(), 0), id)) {
      throw RequestException.badRequest(
          kind.idField(), "must equal the id of the request (" + id + ")");
    }
    if (kind == DefinitionKind.DESTINATIONS
        && WriteOnlySecrets.masked(definition, DESTINATION_SECRETS)) {
      // the masked secrets of a get, sent back: keep the stored ones
      String old = map(kind).get(id);
      try {
        definition =
            WriteOnlySecrets.keepStored(
                definition, old == null ? null : new JsonObject(old), DESTINATION_SECRETS);
      } catch (IllegalArgumentException e) {
        throw RequestException.badRequest("definition", e.getMessage());
      }
    }
    Definitions current = DefinitionsLoader.load(hz, 0);
    JsonObject stored =
        switch (kind) {
          case TRAITS -> TraitDefinition.fromJson(definition).json();
          case SEGMENTS -> {
            SegmentDefinition s = SegmentDefinition.fromJson(definition);
            current.withSegment(s).checkSegment(s);
            yield s.json();
          }
          case MERGE_RULES -> {
            MergeRule r = MergeRule.fromJson(definition);
            checkMergeRuleCap(id);
            yield r.json();
          }
          case DESTINATIONS -> {
            DestinationDefinition d = DestinationDefinition.fromJson(definition);
            DestinationUrlGuard.check(d, egress);
            current.checkDestination(d);
            yield d.json();
          }
        };
    map(kind).set(id, stored.encode());
    refreshLocal();
    return shown(kind, stored);
  }

  /** 409 when a new rule {@code id} would exceed {@code segment.maxMergeRules}. */
  private void checkMergeRuleCap(int id) {
    IMap<Integer, String> rules = map(DefinitionKind.MERGE_RULES);
    if (!rules.containsKey(id) && rules.size() >= maxMergeRules) {
      throw RequestException.conflict(
          "id",
          "at most "
              + maxMergeRules
              + " merge rules (segment.maxMergeRules; rule 0 counts when defined): delete one"
              + " first");
    }
  }

  private JsonObject delete(DefinitionKind kind, int id) {
    if (!map(kind).containsKey(id)) {
      throw RequestException.notFound("id", "no " + kind.noun() + " " + id);
    }
    Definitions current = DefinitionsLoader.load(hz, 0);
    if (kind == DefinitionKind.TRAITS) {
      List<Integer> users = current.segmentsUsingTrait(id);
      if (!users.isEmpty()) {
        throw RequestException.conflict("id", "trait " + id + " is used by segments " + users);
      }
    } else if (kind == DefinitionKind.SEGMENTS) {
      List<String> users = current.usersOfSegment(id);
      if (!users.isEmpty()) {
        throw RequestException.conflict("id", "segment " + id + " is used by " + users);
      }
    } else if (kind == DefinitionKind.MERGE_RULES && id != MergeRule.DEFAULT_ID) {
      // deleting rule 0 is always allowed: its segments then see the built-in default
      List<String> users = current.usersOfMergeRule(id);
      if (!users.isEmpty()) {
        throw RequestException.conflict("id", "merge rule " + id + " is used by " + users);
      }
    }
    map(kind).delete(id);
    refreshLocal();
    return new JsonObject().put("deleted", id);
  }

  /** This member applies the change before replying; the others within milliseconds. */
  private void refreshLocal() {
    try {
      DefinitionsRegistry.forInstance(hz).reload().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the map listener reloads anyway
    }
  }

  private IMap<Integer, String> map(DefinitionKind kind) {
    return hz.getMap(kind.map());
  }
}
