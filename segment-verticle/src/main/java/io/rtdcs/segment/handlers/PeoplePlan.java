package io.rtdcs.segment.handlers;

import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.MergeRule;
import io.rtdcs.segment.store.DeclaredId;
import io.rtdcs.segment.store.Profile;
import io.rtdcs.segment.store.TraitView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which people's profiles one realize call writes and reads (docs/profiles.md, "People"). Only
 * proven declared IDs count: the call's own, then those the device proved before ({@code known},
 * newest first, from the dcs verticle's resolve). The call's state of an ID overrides the stored
 * one.
 *
 * @param current the person whose profile takes this call's traits (the first proven declared ID
 *     with auth state 1), or null
 * @param people person key -> the {@link TraitView} roles under which the merge rules in use read
 *     it (only those with a role)
 * @param linkIdentities the proven declared IDs whose linked devices the merge rules in use read
 */
record PeoplePlan(String current, Map<String, Integer> people, List<String> linkIdentities) {
  /** People's profiles read for "all authenticated" at most (the device keeps 10 declared IDs). */
  static final int MAX_PEOPLE = 10;

  /** Other devices read for "linked devices" at most. */
  static final int MAX_LINKED_DEVICES = 10;

  private static final PeoplePlan DEVICE_ONLY = new PeoplePlan(null, Map.of(), List.of());

  static PeoplePlan of(Definitions defs, List<DeclaredId> declared, List<DeclaredId> known) {
    if (declared.isEmpty() && known.isEmpty()) {
      return DEVICE_ONLY; // an anonymous call (the common one): nothing to plan
    }
    Map<String, DeclaredId> ids = new LinkedHashMap<>();
    String current = null;
    for (DeclaredId d : declared) {
      if (d.proven()) {
        ids.putIfAbsent(d.key(), d);
        if (current == null && d.auth() == 1) {
          current = d.key();
        }
      }
    }
    for (DeclaredId d : known) {
      if (d.proven()) {
        ids.putIfAbsent(d.key(), d);
      }
    }
    // the current person's view also carries this call's traits to rules reading "last" or "all"
    boolean readCurrent =
        defs.usesAuthenticated(MergeRule.Authenticated.CURRENT)
            || defs.usesAuthenticated(MergeRule.Authenticated.LAST)
            || defs.usesAuthenticated(MergeRule.Authenticated.ALL);
    Map<String, Integer> people = new LinkedHashMap<>();
    boolean last = true;
    for (DeclaredId d : ids.values()) {
      if (!d.authenticatedOnce() || people.size() >= MAX_PEOPLE) {
        continue;
      }
      int roles = 0;
      if (d.key().equals(current) && readCurrent) {
        roles |= TraitView.CURRENT;
      }
      if (last && defs.usesAuthenticated(MergeRule.Authenticated.LAST)) {
        roles |= TraitView.LAST;
      }
      last = false;
      if (defs.usesAuthenticated(MergeRule.Authenticated.ALL)) {
        roles |= TraitView.ALL;
      }
      if (roles != 0) {
        people.put(d.key(), roles);
      }
    }
    List<String> links = new ArrayList<>();
    if (defs.usesLinkedDevices()) {
      links.addAll(ids.keySet());
    }
    return new PeoplePlan(current, people, links);
  }

  /**
   * Whether the merge rules in {@code defs} read people or devices named by the declared IDs the
   * device proved on earlier calls ({@code known}): "last" or "all authenticated", linked devices.
   */
  static boolean readsKnownIdentities(Definitions defs) {
    return defs.usesAuthenticated(MergeRule.Authenticated.LAST)
        || defs.usesAuthenticated(MergeRule.Authenticated.ALL)
        || defs.usesLinkedDevices();
  }

  /** The declared IDs {@code profile} proved, newest first (what resolve answers as identities). */
  static List<DeclaredId> provenIdentities(Profile profile) {
    List<DeclaredId> out = new ArrayList<>();
    if (profile == null) {
      return out;
    }
    List<DeclaredId> ids = profile.declaredIds();
    for (int i = ids.size() - 1; i >= 0; i--) {
      if (ids.get(i).proven()) {
        out.add(ids.get(i));
      }
    }
    return out;
  }

  /** Nothing beyond the device's own profile is written or read. */
  boolean deviceOnly() {
    return current == null && people.isEmpty() && linkIdentities.isEmpty();
  }
}
