package io.rtdcs.segment.store;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A visitor's stored profile in {@code rtdcs.profiles}. Mutable: an EntryProcessor deserializes it
 * at the key's owner, changes it and stores it back; nobody else writes it.
 */
public final class Profile {
  /** At most this many declared IDs are kept (the newest). */
  public static final int MAX_DECLARED_IDS = 10;

  private long lastSeen;
  private boolean optedOut;
  private final TreeMap<Integer, TraitRecord> traits = new TreeMap<>();
  private int[] segments = new int[0];
  private final TreeMap<Integer, PartnerEntry> partners = new TreeMap<>();
  private final TreeMap<Integer, String> syncedIds = new TreeMap<>();
  private final List<DeclaredId> declaredIds = new ArrayList<>();
  private final AppliedCalls appliedCalls = new AppliedCalls();

  public long lastSeen() {
    return lastSeen;
  }

  public void setLastSeen(long lastSeen) {
    this.lastSeen = lastSeen;
  }

  public boolean optedOut() {
    return optedOut;
  }

  public void setOptedOut(boolean optedOut) {
    this.optedOut = optedOut;
  }

  /** sid -> record, ordered by sid. */
  public TreeMap<Integer, TraitRecord> traits() {
    return traits;
  }

  public int[] segments() {
    return segments.clone();
  }

  public void setSegments(int[] segments) {
    this.segments = segments.clone();
  }

  public TreeMap<Integer, PartnerEntry> partners() {
    return partners;
  }

  public TreeMap<Integer, String> syncedIds() {
    return syncedIds;
  }

  public List<DeclaredId> declaredIds() {
    return declaredIds;
  }

  /** The calls whose realization this profile holds (idempotency keys). */
  public AppliedCalls appliedCalls() {
    return appliedCalls;
  }

  /** Records a declared ID as the newest; keeps {@link #MAX_DECLARED_IDS}. */
  public void addDeclaredId(DeclaredId id) {
    declaredIds.removeIf(d -> d.dpid() == id.dpid() && d.dpuuid().equals(id.dpuuid()));
    declaredIds.add(id);
    while (declaredIds.size() > MAX_DECLARED_IDS) {
      declaredIds.remove(0);
    }
  }

  /** The visitor's id per data source: synced IDs, overridden by the newest declared IDs. */
  public TreeMap<Integer, String> knownIds() {
    TreeMap<Integer, String> ids = new TreeMap<>(syncedIds);
    for (DeclaredId d : declaredIds) {
      ids.put(d.dpid(), d.dpuuid());
    }
    return ids;
  }

  /** Drops traits, segments and partner answers (opt-out). */
  public void clearData() {
    traits.clear();
    segments = new int[0];
    partners.clear();
    appliedCalls.clear();
  }
}
