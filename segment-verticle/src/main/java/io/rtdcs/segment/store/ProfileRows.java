package io.rtdcs.segment.store;

import io.rtdcs.store.PrivacyMark;
import io.rtdcs.store.PrivacyPolicy;
import io.rtdcs.store.StringKeyedRows;

/**
 * A profile as a database row: its own versioned binary form (the Compact serializer's packed
 * parts, independent of Hazelcast's schema), and what a privacy mark leaves of it.
 */
public final class ProfileRows extends StringKeyedRows<Profile> {
  public static final ProfileRows CODEC = new ProfileRows();
  static final int VERSION = 2;

  /** Rows written before the applied calls were kept: read, without them. */
  static final int VERSION_WITHOUT_CALLS = 1;

  /**
   * A profile last seen before its deletion never exists again (an opted-out visitor keeps only the
   * opt-out); an opted-out visitor's data is never stored or loaded; an opted-out visitor whose row
   * expired or was never written loads as an empty opted-out profile.
   */
  public static final PrivacyPolicy<Profile> PRIVACY =
      new PrivacyPolicy<>() {
        @Override
        public Profile apply(Profile p, PrivacyMark mark) {
          if (mark.isDeleted() && p.lastSeen() <= mark.deletedAt()) {
            if (!p.optedOut() && !mark.isOptedOut()) {
              return null;
            }
            Profile stub = new Profile();
            stub.setLastSeen(p.lastSeen());
            stub.setOptedOut(true);
            return stub;
          }
          if (mark.isOptedOut() && !p.optedOut()) {
            Profile copy = CODEC.decode(CODEC.encode(p));
            copy.clearData();
            copy.setOptedOut(true);
            return copy;
          }
          return p;
        }

        @Override
        public Profile absent(PrivacyMark mark) {
          if (!mark.isOptedOut()) {
            return null;
          }
          Profile stub = new Profile();
          stub.setLastSeen(Math.max(mark.optedOutAt(), mark.deletedAt()));
          stub.setOptedOut(true);
          return stub;
        }
      };

  private ProfileRows() {}

  @Override
  public byte[] encode(Profile p) {
    long lastSeen = p.lastSeen();
    VarBytes.Writer w = new VarBytes.Writer().unsigned(VERSION).signed(lastSeen);
    w.unsigned(p.optedOut() ? 1 : 0);
    int[] segments = p.segments();
    w.unsigned(segments.length);
    for (int s : segments) {
      w.unsigned(s);
    }
    // parts never decoded since the profile was read (write-behind's usual case) go as read
    w.bytes(p.traitsBytes());
    w.bytes(p.idsBytes());
    w.bytes(p.partnersBytes());
    w.bytes(p.callsBytes());
    return w.toBytes();
  }

  @Override
  public Profile decode(byte[] bytes) {
    try {
      VarBytes.Reader r = new VarBytes.Reader(bytes);
      int version = r.unsignedInt();
      if (version != VERSION && version != VERSION_WITHOUT_CALLS) {
        throw new IllegalArgumentException("profile row of version " + version);
      }
      Profile p = new Profile();
      long lastSeen = r.signed();
      p.setLastSeen(lastSeen);
      p.setOptedOut(r.unsigned() == 1);
      int n = r.unsignedInt();
      if (n < 0 || n > 100_000) {
        throw new IllegalArgumentException("profile row with " + n + " segments");
      }
      int[] segments = new int[n];
      for (int i = 0; i < n; i++) {
        segments[i] = r.unsignedInt();
      }
      p.setSegments(segments);
      ProfileSerializer.readTraits(new VarBytes.Reader(r.bytes()), lastSeen, p);
      ProfileSerializer.readIds(new VarBytes.Reader(r.bytes()), p);
      ProfileSerializer.readPartners(new VarBytes.Reader(r.bytes()), lastSeen, p);
      if (version >= VERSION) {
        p.appliedCalls().unpack(new VarBytes.Reader(r.bytes()), lastSeen);
      }
      return p;
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("unreadable profile row: " + e.getMessage(), e);
    }
  }
}
