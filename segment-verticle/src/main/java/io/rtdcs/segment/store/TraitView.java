package io.rtdcs.segment.store;

import io.rtdcs.segment.definitions.MergeRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Another profile's traits as the merge rules see them at this call (read or written by the segment
 * verticle that received the call, then carried to the device profile's owner): a person's profile
 * or a linked device's, only the traits segment rules read. {@code roles} says which merge-rule
 * options include it ({@link #CURRENT}, {@link #LAST}, {@link #ALL}, {@link #LINKED_DEVICE}).
 */
public record TraitView(int roles, String key, Map<Integer, TraitRecord> records) {
  /** The person's profile of the declared ID this call authenticates. */
  public static final int CURRENT = 1;

  /** The person's profile of the declared ID this device authenticated last. */
  public static final int LAST = 2;

  /** One of the person's profiles of every declared ID this device authenticated. */
  public static final int ALL = 4;

  /** A device linked to the same declared IDs. */
  public static final int LINKED_DEVICE = 8;

  public TraitView {
    records = Map.copyOf(records);
  }

  /** The view of {@code profile}: its live traits among {@code read} (null: all of them). */
  public static TraitView of(int roles, String key, Profile profile, Set<Integer> read, long now) {
    Map<Integer, TraitRecord> out = new TreeMap<>();
    if (profile != null && !profile.optedOut()) {
      for (TraitRecord t : profile.traits().values()) {
        if (t.isLive(now) && (read == null || read.contains(t.sid()))) {
          out.put(t.sid(), t);
        }
      }
    }
    return new TraitView(roles, key, out);
  }

  /** The {@code views} that {@code rule} reads (besides the device's own profile). */
  public static List<TraitView> readBy(MergeRule rule, List<TraitView> views) {
    int wanted = rolesReadBy(rule);
    List<TraitView> out = new ArrayList<>();
    for (TraitView v : views) {
      if ((v.roles() & wanted) != 0) {
        out.add(v);
      }
    }
    return out;
  }

  /** The roles of the views {@code rule} reads (besides the device's own profile). */
  private static int rolesReadBy(MergeRule rule) {
    int wanted =
        switch (rule.authenticated()) {
          case NONE -> 0;
          case CURRENT -> CURRENT;
          case LAST -> LAST;
          case ALL -> ALL;
        };
    return rule.devices() == MergeRule.Devices.LINKED ? wanted | LINKED_DEVICE : wanted;
  }

  public boolean has(int role) {
    return (roles & role) != 0;
  }

  public TraitView withRoles(int more) {
    return new TraitView(roles | more, key, records);
  }

  static void write(VarBytes.Writer w, List<TraitView> views, long now) {
    w.unsigned(views.size());
    for (TraitView v : views) {
      w.unsigned(v.roles()).string(v.key());
      ProfileSerializer.writeRecords(w, v.records().values(), now);
    }
  }

  static List<TraitView> read(VarBytes.Reader r, long now) {
    int n = r.unsignedInt();
    List<TraitView> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int roles = r.unsignedInt();
      String key = r.string();
      out.add(new TraitView(roles, key, ProfileSerializer.readRecords(r, now)));
    }
    return out;
  }

  static byte[] pack(Collection<TraitRecord> records, long now) {
    VarBytes.Writer w = new VarBytes.Writer();
    ProfileSerializer.writeRecords(w, records, now);
    return w.toBytes();
  }

  static Map<Integer, TraitRecord> unpack(byte[] bytes, long now) {
    return ProfileSerializer.readRecords(new VarBytes.Reader(bytes), now);
  }
}
