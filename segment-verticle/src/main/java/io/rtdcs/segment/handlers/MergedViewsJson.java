package io.rtdcs.segment.handlers;

import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.MergeRule;
import io.rtdcs.segment.definitions.SegmentDefinition;
import io.rtdcs.segment.store.DeclaredId;
import io.rtdcs.segment.store.Profile;
import io.rtdcs.segment.store.ProfileStore;
import io.rtdcs.segment.store.ProfileUpdater;
import io.rtdcs.segment.store.TraitRecord;
import io.rtdcs.segment.store.TraitView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The merged view of a device per merge rule, for {@code dcs.profiles.get} (read only): which
 * profiles the rule adds, the sum of their traits that segment rules read, and the segments naming
 * the rule that the device qualifies for now. Outside a call, "current authenticated" is the
 * declared ID the device sent last if it was then authenticated (state 1).
 */
final class MergedViewsJson {
  private MergedViewsJson() {}

  static Future<JsonArray> of(
      ProfileStore store, Definitions defs, String uuid, Profile device, long now) {
    List<DeclaredId> known = new ArrayList<>();
    List<DeclaredId> declared = new ArrayList<>();
    List<DeclaredId> stored = device == null ? List.of() : device.declaredIds();
    for (int i = stored.size() - 1; i >= 0; i--) {
      DeclaredId d = stored.get(i);
      if (d.proven()) {
        (declared.isEmpty() && known.isEmpty() && d.auth() == 1 ? declared : known).add(d);
      }
    }
    PeoplePlan plan = PeoplePlan.of(defs, declared, known);
    return PeopleViews.read(store, plan, uuid, defs, now)
        .map(views -> json(defs, uuid, device, views, now));
  }

  private static JsonArray json(
      Definitions defs, String uuid, Profile device, List<TraitView> views, long now) {
    Profile copy = new Profile();
    if (device != null && !device.optedOut()) {
      device.traits().forEach((sid, t) -> copy.traits().put(sid, t.copy()));
      copy.setSegments(device.segments());
    }
    Set<Integer> in = new TreeSet<>();
    for (int s : ProfileUpdater.evaluateSegments(copy, defs, now, views)) {
      in.add(s);
    }
    Map<Integer, MergeRule> rules = new TreeMap<>();
    rules.put(MergeRule.DEFAULT_ID, defs.mergeRule(MergeRule.DEFAULT_ID));
    defs.mergeRules().forEach(rules::put);
    JsonArray out = new JsonArray();
    for (MergeRule rule : rules.values()) {
      JsonArray profiles = new JsonArray();
      Map<Integer, Long> counts = new TreeMap<>();
      if (rule.devices() != MergeRule.Devices.NONE) {
        profiles.add("device:" + uuid);
        add(counts, copy.traits(), defs, now);
      }
      for (TraitView v : TraitView.readBy(rule, views)) {
        profiles.add((v.has(TraitView.LINKED_DEVICE) ? "device:" : "person:") + v.key());
        add(counts, v.records(), defs, now);
      }
      JsonArray traits = new JsonArray();
      counts.forEach((sid, c) -> traits.add(new JsonObject().put("sid", sid).put("count", c)));
      JsonArray segments = new JsonArray();
      for (SegmentDefinition s : defs.segments().values()) {
        if (defs.mergeRule(s).id() == rule.id() && in.contains(s.id())) {
          segments.add(s.id());
        }
      }
      out.add(
          rule.json()
              .copy()
              .put("profiles", profiles)
              .put("traits", traits)
              .put("segments", segments));
    }
    return out;
  }

  private static void add(
      Map<Integer, Long> counts, Map<Integer, TraitRecord> records, Definitions defs, long now) {
    for (TraitRecord t : records.values()) {
      if (t.isLive(now) && defs.segmentTraits().contains(t.sid())) {
        counts.merge(t.sid(), t.count(), Long::sum);
      }
    }
  }
}
