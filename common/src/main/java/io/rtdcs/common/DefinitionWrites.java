package io.rtdcs.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Writes a set of definition changes (one import) to the cluster's definition maps one entry at a
 * time, each written through to the database like an admin PUT. When a write fails (a member, the
 * database), every entry touched so far is put back as it was before the first write, and the
 * failure is thrown: the maps end as they began. The undo of a successful write is returned so a
 * caller can still take the whole change back (when a later part of the same import fails).
 * Blocking: run it on a worker. The undo holds stored secrets: it travels on the event bus, never
 * into an answer or a log.
 */
public final class DefinitionWrites {
  /** The maps an import may touch. */
  public static final Set<String> MAPS =
      Set.of(
          ClusterMaps.PARTNERS,
          ClusterMaps.TRAITS,
          ClusterMaps.SEGMENTS,
          ClusterMaps.DESTINATIONS,
          ClusterMaps.MERGE_RULES);

  /** Write {@code json} at {@code id} of {@code map}; a null {@code json} deletes the entry. */
  public record Step(String map, int id, String json) {
    public Step {
      if (!MAPS.contains(map)) {
        throw new IllegalArgumentException("map: must be one of " + MAPS);
      }
      // merge rule 0 is the default rule; every other id is positive
      if (id < 0 || (id == 0 && !map.equals(ClusterMaps.MERGE_RULES))) {
        throw new IllegalArgumentException("id: must be a positive integer");
      }
    }

    JsonObject toJson() {
      return new JsonObject().put("map", map).put("id", id).put("json", json);
    }

    static Step fromJson(Object o) {
      if (!(o instanceof JsonObject j)
          || !(j.getValue("map") instanceof String map)
          || !(j.getValue("id") instanceof Number id)
          || !(j.getValue("json") == null || j.getValue("json") instanceof String)) {
        throw new IllegalArgumentException("undo: expected steps {map, id, json}");
      }
      return new Step(map, id.intValue(), j.getString("json"));
    }
  }

  /** A write failed; what was written before it has been put back (or not: {@link #restored}). */
  public static final class WriteFailed extends RuntimeException {
    private final boolean restored;

    WriteFailed(Step step, Throwable cause, boolean restored) {
      super(
          step.map()
              + " "
              + step.id()
              + ": write failed ("
              + cause.getClass().getSimpleName()
              + "); "
              + (restored ? "rolled back" : "rollback incomplete"),
          cause);
      this.restored = restored;
    }

    public boolean restored() {
      return restored;
    }
  }

  private final Function<String, ConcurrentMap<Integer, String>> maps;

  /** {@code maps}: a map by name, a Hazelcast {@code IMap} ({@code hz::getMap}). */
  public DefinitionWrites(Function<String, ConcurrentMap<Integer, String>> maps) {
    this.maps = Objects.requireNonNull(maps, "maps");
  }

  /**
   * Applies {@code steps} in order; returns the steps that put everything back (newest first).
   * Throws {@link WriteFailed} after putting back what was written.
   */
  public List<Step> apply(Collection<Step> steps) {
    List<Step> undo = new ArrayList<>();
    for (Step step : steps) {
      ConcurrentMap<Integer, String> map = maps.apply(step.map());
      try {
        // the undo first: a write that fails half way (stored, not acknowledged) is put back too
        undo.add(0, new Step(step.map(), step.id(), map.get(step.id())));
        write(map, step);
      } catch (RuntimeException e) {
        throw new WriteFailed(step, e, restore(undo));
      }
    }
    return undo;
  }

  /** Applies an undo, every step even when one fails; true when all were written. */
  public boolean restore(List<Step> undo) {
    boolean all = true;
    for (Step step : undo) {
      try {
        write(maps.apply(step.map()), step);
      } catch (RuntimeException e) {
        all = false;
      }
    }
    return all;
  }

  private static void write(ConcurrentMap<Integer, String> map, Step step) {
    if (step.json() == null) {
      map.remove(step.id());
    } else {
      map.put(step.id(), step.json());
    }
  }

  public static JsonArray toJson(List<Step> steps) {
    JsonArray out = new JsonArray();
    steps.forEach(s -> out.add(s.toJson()));
    return out;
  }

  /** The steps of an undo sent back on the event bus; throws on anything else. */
  public static List<Step> fromJson(Object json, Set<String> allowedMaps) {
    if (!(json instanceof JsonArray array)) {
      throw new IllegalArgumentException("undo: expected an array");
    }
    List<Step> out = new ArrayList<>(array.size());
    for (Object o : array) {
      Step step = Step.fromJson(o);
      if (!allowedMaps.contains(step.map())) {
        throw new IllegalArgumentException("undo: map " + step.map() + " is not served here");
      }
      out.add(step);
    }
    return out;
  }
}
