package io.rtdcs.segment.store;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A visitor's stored profile in {@code rtdcs.profiles}. Mutable: an EntryProcessor deserializes it
 * at the key's owner, changes it and stores it back; nobody else writes it. Confined to one thread.
 *
 * <p>A profile read from its serialized form keeps each part (traits, IDs, partner answers, applied
 * calls) packed as it was read, and decodes a part only when it is first used: a profile that is
 * only passed on (Hazelcast's write-behind handing it to the database, a backup, a reply that needs
 * the IDs only) is written back from the bytes it was read from, never decoded and encoded again.
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

  // parts as read and not decoded yet (null: decoded, or absent); traits, partner answers and
  // applied calls are packed relative to lastSeen
  private byte[] packedTraits;
  private byte[] packedIds;
  private byte[] packedPartners;
  private byte[] packedCalls;

  /** A profile whose parts are decoded on first use from the packed forms (null: empty part). */
  static Profile packed(
      long lastSeen,
      boolean optedOut,
      int[] segments,
      byte[] traits,
      byte[] ids,
      byte[] partners,
      byte[] calls) {
    Profile p = new Profile();
    p.lastSeen = lastSeen;
    p.optedOut = optedOut;
    p.segments = segments == null ? new int[0] : segments;
    p.packedTraits = nonEmpty(traits);
    p.packedIds = nonEmpty(ids);
    p.packedPartners = nonEmpty(partners);
    p.packedCalls = nonEmpty(calls);
    return p;
  }

  private static byte[] nonEmpty(byte[] b) {
    return b == null || b.length == 0 ? null : b;
  }

  public long lastSeen() {
    return lastSeen;
  }

  public void setLastSeen(long lastSeen) {
    if (lastSeen != this.lastSeen) {
      // the packed parts count their times from the old lastSeen
      traits();
      partners();
      appliedCalls();
    }
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
    if (packedTraits != null) {
      byte[] b = packedTraits;
      packedTraits = null;
      ProfileSerializer.readTraits(new VarBytes.Reader(b), lastSeen, this);
    }
    return traits;
  }

  public int[] segments() {
    return segments.clone();
  }

  public void setSegments(int[] segments) {
    this.segments = segments.clone();
  }

  public TreeMap<Integer, PartnerEntry> partners() {
    if (packedPartners != null) {
      byte[] b = packedPartners;
      packedPartners = null;
      ProfileSerializer.readPartners(new VarBytes.Reader(b), lastSeen, this);
    }
    return partners;
  }

  public TreeMap<Integer, String> syncedIds() {
    ids();
    return syncedIds;
  }

  public List<DeclaredId> declaredIds() {
    ids();
    return declaredIds;
  }

  private void ids() {
    if (packedIds != null) {
      byte[] b = packedIds;
      packedIds = null;
      ProfileSerializer.readIds(new VarBytes.Reader(b), this);
    }
  }

  /** The calls whose realization this profile holds (idempotency keys). */
  public AppliedCalls appliedCalls() {
    if (packedCalls != null) {
      byte[] b = packedCalls;
      packedCalls = null;
      appliedCalls.unpack(new VarBytes.Reader(b), lastSeen);
    }
    return appliedCalls;
  }

  /** Records a declared ID as the newest; keeps {@link #MAX_DECLARED_IDS}. */
  public void addDeclaredId(DeclaredId id) {
    ids();
    declaredIds.removeIf(d -> d.dpid() == id.dpid() && d.dpuuid().equals(id.dpuuid()));
    declaredIds.add(id);
    while (declaredIds.size() > MAX_DECLARED_IDS) {
      declaredIds.remove(0);
    }
  }

  /** The visitor's id per data source: synced IDs, overridden by the newest declared IDs. */
  public TreeMap<Integer, String> knownIds() {
    TreeMap<Integer, String> ids = new TreeMap<>(syncedIds());
    for (DeclaredId d : declaredIds()) {
      ids.put(d.dpid(), d.dpuuid());
    }
    return ids;
  }

  /** Drops traits, segments and partner answers (opt-out). */
  public void clearData() {
    packedTraits = null;
    packedPartners = null;
    packedCalls = null;
    traits.clear();
    segments = new int[0];
    partners.clear();
    appliedCalls.clear();
  }

  /** The traits in their packed form (relative to {@link #lastSeen}), or null when none. */
  byte[] traitsBytes() {
    if (packedTraits != null) {
      return packedTraits;
    }
    return traits.isEmpty() ? null : ProfileSerializer.writeTraits(this, lastSeen);
  }

  /** The synced and declared IDs in their packed form, or null when none. */
  byte[] idsBytes() {
    if (packedIds != null) {
      return packedIds;
    }
    return syncedIds.isEmpty() && declaredIds.isEmpty() ? null : ProfileSerializer.writeIds(this);
  }

  /** The cached partner answers in their packed form (relative to lastSeen), or null when none. */
  byte[] partnersBytes() {
    if (packedPartners != null) {
      return packedPartners;
    }
    return partners.isEmpty() ? null : ProfileSerializer.writePartners(this, lastSeen);
  }

  /** The applied calls in their packed form (relative to lastSeen), or null when none. */
  byte[] callsBytes() {
    if (packedCalls != null) {
      return packedCalls;
    }
    return appliedCalls.isEmpty() ? null : appliedCalls.pack(lastSeen);
  }
}
