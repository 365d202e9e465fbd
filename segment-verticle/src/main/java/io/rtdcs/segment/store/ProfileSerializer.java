package io.rtdcs.segment.store;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compact serializer of {@link Profile}. Scalars are Compact fields; traits, IDs and partner
 * answers are packed as varints relative to {@code lastSeen} (times) and today (day counters), so a
 * profile of 10 traits and 3 segments stays well under 256 bytes.
 */
public final class ProfileSerializer implements CompactSerializer<Profile> {
  public static final String TYPE_NAME = "rtdcs.Profile";

  @Override
  public Profile read(CompactReader in) {
    // the parts stay packed until used (Profile): write-behind and backups pass them on as read
    return Profile.packed(
        in.readInt64("lastSeen"),
        in.readBoolean("optedOut"),
        in.readArrayOfInt32("segments"),
        in.readArrayOfInt8("traits"),
        in.readArrayOfInt8("ids"),
        in.readArrayOfInt8("partners"),
        // absent in profiles written before idempotency keys existed (a rolling upgrade)
        in.getFieldKind("calls") == FieldKind.ARRAY_OF_INT8 ? in.readArrayOfInt8("calls") : null);
  }

  @Override
  public void write(CompactWriter out, Profile p) {
    out.writeInt64("lastSeen", p.lastSeen());
    out.writeBoolean("optedOut", p.optedOut());
    int[] segments = p.segments();
    out.writeArrayOfInt32("segments", segments.length == 0 ? null : segments);
    out.writeArrayOfInt8("traits", p.traitsBytes());
    out.writeArrayOfInt8("ids", p.idsBytes());
    out.writeArrayOfInt8("partners", p.partnersBytes());
    out.writeArrayOfInt8("calls", p.callsBytes());
  }

  static byte[] writeTraits(Profile p, long lastSeen) {
    VarBytes.Writer w = new VarBytes.Writer();
    writeRecords(w, p.traits().values(), lastSeen);
    return w.toBytes();
  }

  /** Trait records with times relative to {@code lastSeen} (also {@link TraitView}'s form). */
  static void writeRecords(VarBytes.Writer w, Collection<TraitRecord> records, long lastSeen) {
    long baseDay = TraitRecord.epochDay(lastSeen);
    w.unsigned(records.size());
    for (TraitRecord t : records) {
      w.unsigned(t.sid())
          .signed(lastSeen - t.lastRealized())
          .signed(t.lastRealized() - t.firstRealized())
          .unsigned(t.count())
          .unsigned(t.ttlDays())
          .unsigned(t.dailyCounts().size());
      for (Map.Entry<Long, Long> day : t.dailyCounts().entrySet()) {
        w.signed(baseDay - day.getKey()).unsigned(day.getValue());
      }
    }
  }

  static void readTraits(VarBytes.Reader r, long lastSeen, Profile p) {
    if (!r.hasMore()) {
      return;
    }
    p.traits().putAll(readRecords(r, lastSeen));
  }

  /** What {@link #writeRecords} wrote: sid -> record. */
  static TreeMap<Integer, TraitRecord> readRecords(VarBytes.Reader r, long lastSeen) {
    TreeMap<Integer, TraitRecord> out = new TreeMap<>();
    long baseDay = TraitRecord.epochDay(lastSeen);
    int n = r.unsignedInt();
    for (int i = 0; i < n; i++) {
      int sid = r.unsignedInt();
      long last = lastSeen - r.signed();
      long first = last - r.signed();
      long count = r.unsigned();
      int ttlDays = r.unsignedInt();
      TraitRecord t = new TraitRecord(sid, first, last, count, ttlDays);
      int days = r.unsignedInt();
      for (int d = 0; d < days; d++) {
        long day = baseDay - r.signed();
        t.setDay(day, r.unsigned());
      }
      out.put(sid, t);
    }
    return out;
  }

  static byte[] writeIds(Profile p) {
    VarBytes.Writer w = new VarBytes.Writer();
    w.unsigned(p.syncedIds().size());
    for (Map.Entry<Integer, String> e : p.syncedIds().entrySet()) {
      w.unsigned(e.getKey()).string(e.getValue());
    }
    w.unsigned(p.declaredIds().size());
    for (DeclaredId d : p.declaredIds()) {
      w.unsigned(d.dpid()).string(d.dpuuid()).unsigned(d.packedState());
    }
    return w.toBytes();
  }

  static void readIds(VarBytes.Reader r, Profile p) {
    if (!r.hasMore()) {
      return;
    }
    int synced = r.unsignedInt();
    for (int i = 0; i < synced; i++) {
      int dpid = r.unsignedInt();
      p.syncedIds().put(dpid, r.string());
    }
    int declared = r.unsignedInt();
    for (int i = 0; i < declared; i++) {
      int dpid = r.unsignedInt();
      String dpuuid = r.string();
      p.declaredIds().add(DeclaredId.unpack(dpid, dpuuid, r.unsignedInt()));
    }
  }

  static byte[] writePartners(Profile p, long lastSeen) {
    VarBytes.Writer w = new VarBytes.Writer();
    w.unsigned(p.partners().size());
    for (PartnerEntry e : p.partners().values()) {
      w.unsigned(e.dpid())
          .signed(lastSeen - e.fetchedAt())
          .signed(e.expiresAt() - e.fetchedAt())
          .unsigned(e.segments().size());
      for (String s : e.segments()) {
        w.string(s);
      }
    }
    return w.toBytes();
  }

  static void readPartners(VarBytes.Reader r, long lastSeen, Profile p) {
    if (!r.hasMore()) {
      return;
    }
    int n = r.unsignedInt();
    for (int i = 0; i < n; i++) {
      int dpid = r.unsignedInt();
      long fetchedAt = lastSeen - r.signed();
      long expiresAt = fetchedAt + r.signed();
      int segs = r.unsignedInt();
      List<String> segments = new ArrayList<>(segs);
      for (int s = 0; s < segs; s++) {
        segments.add(r.string());
      }
      p.partners().put(dpid, new PartnerEntry(dpid, segments, fetchedAt, expiresAt));
    }
  }

  @Override
  public String getTypeName() {
    return TYPE_NAME;
  }

  @Override
  public Class<Profile> getCompactClass() {
    return Profile.class;
  }
}
