package io.rtdcs.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an import of definitions would do to the definitions an owner serves: every invalid item
 * (kind, id, message), and per kind the ids added, changed and removed with the writes that do it.
 * Built from the stored entries and the validated, normalized items of the document; nothing is
 * written here. Its JSON ({@code errors}, {@code changes}) is the reply of the {@code import}
 * operation (docs/event-bus.md); the writes never leave the owner.
 */
public final class ImportPlan {
  private final JsonArray errors = new JsonArray();
  private final Map<String, JsonObject> changes = new LinkedHashMap<>();
  private final List<DefinitionWrites.Step> puts = new ArrayList<>();
  private final List<DefinitionWrites.Step> deletes = new ArrayList<>();

  /** One invalid item; {@code id} is null when the item has no usable id. */
  public void error(String kind, Integer id, int index, String message) {
    errors.add(
        new JsonObject()
            .put("kind", kind)
            .put("id", id)
            .put("index", index)
            .put("message", Objects.requireNonNullElse(message, "invalid")));
  }

  /** A problem of a whole kind (a limit), not of one item. */
  public void error(String kind, String message) {
    errors.add(new JsonObject().put("kind", kind).put("id", null).put("message", message));
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /**
   * Compares one kind: {@code desired} (id -> the JSON a PUT would store) against {@code stored}
   * (id -> the stored JSON text). Ids only stored are removed when {@code prune}. Call it once per
   * kind, in the order the writes should run: puts in this order, deletes in reverse.
   */
  public void compare(
      String kind,
      String map,
      Map<Integer, String> stored,
      Map<Integer, JsonObject> desired,
      boolean prune) {
    JsonArray added = new JsonArray();
    JsonArray changed = new JsonArray();
    JsonArray removed = new JsonArray();
    for (Map.Entry<Integer, JsonObject> e : new TreeMap<>(desired).entrySet()) {
      String old = stored.get(e.getKey());
      if (old == null) {
        added.add(e.getKey());
      } else if (!same(old, e.getValue())) {
        changed.add(e.getKey());
      } else {
        continue;
      }
      puts.add(new DefinitionWrites.Step(map, e.getKey(), e.getValue().encode()));
    }
    if (prune) {
      List<DefinitionWrites.Step> kindDeletes = new ArrayList<>();
      for (Integer id : new TreeMap<>(stored).keySet()) {
        if (!desired.containsKey(id)) {
          removed.add(id);
          kindDeletes.add(new DefinitionWrites.Step(map, id, null));
        }
      }
      deletes.addAll(0, kindDeletes);
    }
    changes.put(
        kind, new JsonObject().put("added", added).put("changed", changed).put("removed", removed));
  }

  /** Every write: the puts kind by kind, then the deletes in the reverse order of the kinds. */
  public List<DefinitionWrites.Step> steps() {
    List<DefinitionWrites.Step> all = new ArrayList<>(puts);
    all.addAll(deletes);
    return all;
  }

  public JsonObject toJson() {
    JsonObject c = new JsonObject();
    changes.forEach(c::put);
    return new JsonObject().put("errors", errors.copy()).put("changes", c);
  }

  private static boolean same(String stored, JsonObject desired) {
    try {
      return new JsonObject(stored).equals(desired);
    } catch (RuntimeException e) {
      return false; // an unreadable stored entry is replaced
    }
  }
}
