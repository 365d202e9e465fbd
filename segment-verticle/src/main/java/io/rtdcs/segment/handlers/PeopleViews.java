package io.rtdcs.segment.handlers;

import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.store.IdLink;
import io.rtdcs.segment.store.ProfileStore;
import io.rtdcs.segment.store.TraitView;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the other profiles a {@link PeoplePlan} names, as the merge rules see them. */
final class PeopleViews {
  private PeopleViews() {}

  /**
   * The other profiles the plan names, read in parallel (linked devices after their links); a
   * person without a profile yet is an empty view (the call's own traits join it at the owner).
   */
  static Future<List<TraitView>> read(
      ProfileStore store, PeoplePlan plan, String uuid, Definitions defs, long now) {
    Set<Integer> read = defs.segmentTraits();
    List<Future<TraitView>> reads = new ArrayList<>();
    for (Map.Entry<String, Integer> person : plan.people().entrySet()) {
      reads.add(
          store
              .getPerson(person.getKey())
              .map(p -> TraitView.of(person.getValue(), person.getKey(), p, read, now)));
    }
    Future<List<TraitView>> devices = linkedDevices(store, plan, uuid, read, now);
    return Future.all(Future.all(reads), devices)
        .map(
            all -> {
              List<TraitView> out = new ArrayList<>();
              for (Future<TraitView> f : reads) {
                out.add(f.result());
              }
              out.addAll(devices.result());
              return out;
            });
  }

  private static Future<List<TraitView>> linkedDevices(
      ProfileStore store, PeoplePlan plan, String uuid, Set<Integer> read, long now) {
    if (plan.linkIdentities().isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Future<IdLink>> links = new ArrayList<>();
    for (String key : plan.linkIdentities()) {
      links.add(store.lookup(key));
    }
    return Future.all(links)
        .compose(
            all -> {
              Set<String> others = new LinkedHashSet<>();
              for (Future<IdLink> f : links) {
                if (f.result() != null) {
                  others.addAll(f.result().allDevices());
                }
              }
              others.remove(uuid);
              List<Future<TraitView>> reads = new ArrayList<>();
              for (String other : others) {
                if (reads.size() == PeoplePlan.MAX_LINKED_DEVICES) {
                  break;
                }
                reads.add(
                    store
                        .get(other)
                        .map(p -> TraitView.of(TraitView.LINKED_DEVICE, other, p, read, now)));
              }
              return Future.all(reads)
                  .map(
                      done -> {
                        List<TraitView> out = new ArrayList<>();
                        for (Future<TraitView> f : reads) {
                          out.add(f.result());
                        }
                        return out;
                      });
            });
  }
}
