package io.rtdcs.segment.store;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compact serializers of the EntryProcessors, their result and the ID-graph value. The processors
 * carry only data (a packed command and a clock reading); the rules are compiled at the owner.
 */
final class ProcessorSerializers {

  static final class Realize implements CompactSerializer<RealizeProcessor> {
    @Override
    public RealizeProcessor read(CompactReader in) {
      return new RealizeProcessor(
          RealizeCommand.unpack(in.readArrayOfInt8("command"), in.readInt64("now")));
    }

    @Override
    public void write(CompactWriter out, RealizeProcessor p) {
      out.writeInt64("now", p.command().now());
      out.writeArrayOfInt8("command", p.command().pack());
    }

    @Override
    public String getTypeName() {
      return "rtdcs.RealizeProcessor";
    }

    @Override
    public Class<RealizeProcessor> getCompactClass() {
      return RealizeProcessor.class;
    }
  }

  static final class SyncId implements CompactSerializer<SyncIdProcessor> {
    @Override
    public SyncIdProcessor read(CompactReader in) {
      return new SyncIdProcessor(
          in.readInt32("dpid"), in.readString("dpuuid"), in.readInt64("now"));
    }

    @Override
    public void write(CompactWriter out, SyncIdProcessor p) {
      out.writeInt64("now", p.now);
      out.writeInt32("dpid", p.dpid());
      out.writeString("dpuuid", p.dpuuid());
    }

    @Override
    public String getTypeName() {
      return "rtdcs.SyncIdProcessor";
    }

    @Override
    public Class<SyncIdProcessor> getCompactClass() {
      return SyncIdProcessor.class;
    }
  }

  static final class OptOut implements CompactSerializer<OptOutProcessor> {
    @Override
    public OptOutProcessor read(CompactReader in) {
      return new OptOutProcessor(in.readInt64("now"));
    }

    @Override
    public void write(CompactWriter out, OptOutProcessor p) {
      out.writeInt64("now", p.now);
    }

    @Override
    public String getTypeName() {
      return "rtdcs.OptOutProcessor";
    }

    @Override
    public Class<OptOutProcessor> getCompactClass() {
      return OptOutProcessor.class;
    }
  }

  static final class Backup implements CompactSerializer<ProfileBackupProcessor> {
    @Override
    public ProfileBackupProcessor read(CompactReader in) {
      return new ProfileBackupProcessor(in.readCompact("profile"), in.readInt64("ttlMillis"));
    }

    @Override
    public void write(CompactWriter out, ProfileBackupProcessor p) {
      out.writeInt64("ttlMillis", p.ttlMillis());
      out.writeCompact("profile", p.profile());
    }

    @Override
    public String getTypeName() {
      return "rtdcs.ProfileBackupProcessor";
    }

    @Override
    public Class<ProfileBackupProcessor> getCompactClass() {
      return ProfileBackupProcessor.class;
    }
  }

  static final class Result implements CompactSerializer<RealizeResult> {
    @Override
    public RealizeResult read(CompactReader in) {
      int[] dpids = in.readArrayOfInt32("idDpids");
      String[] values = in.readArrayOfString("idValues");
      Map<Integer, String> ids = new TreeMap<>();
      for (int i = 0; i < dpids.length; i++) {
        ids.put(dpids[i], values[i]);
      }
      return new RealizeResult(
          in.readBoolean("optedOut"),
          in.readArrayOfInt32("traits"),
          in.readArrayOfInt32("realized"),
          in.readArrayOfInt32("segments"),
          in.readArrayOfInt32("unknownSids"),
          ids,
          // absent when written by a member of an older version (rolling upgrade)
          in.getFieldKind("previousSegments") == FieldKind.ARRAY_OF_INT32
              ? in.readArrayOfInt32("previousSegments")
              : new int[0],
          in.getFieldKind("duplicate") == FieldKind.BOOLEAN && in.readBoolean("duplicate"),
          in.getFieldKind("staleView") == FieldKind.ARRAY_OF_INT8
              ? unpackView(in.readArrayOfInt8("staleView"))
              : null,
          in.getFieldKind("records") == FieldKind.ARRAY_OF_INT8
              ? unpackRecords(in.readArrayOfInt8("records"))
              : null);
    }

    private static Map<Integer, TraitRecord> unpackRecords(byte[] bytes) {
      return bytes == null ? null : TraitView.unpack(bytes, 0);
    }

    private static byte[] packView(Map<Integer, List<String>> view) {
      VarBytes.Writer w = new VarBytes.Writer();
      RuleVerdict.writeView(w, view);
      return w.toBytes();
    }

    private static Map<Integer, List<String>> unpackView(byte[] bytes) {
      return bytes == null ? null : RuleVerdict.readView(new VarBytes.Reader(bytes));
    }

    @Override
    public void write(CompactWriter out, RealizeResult r) {
      out.writeBoolean("optedOut", r.optedOut());
      out.writeArrayOfInt32("traits", r.traits());
      out.writeArrayOfInt32("realized", r.realized());
      out.writeArrayOfInt32("segments", r.segments());
      out.writeArrayOfInt32("unknownSids", r.unknownSids());
      out.writeArrayOfInt32(
          "idDpids", r.knownIds().keySet().stream().mapToInt(Integer::intValue).toArray());
      out.writeArrayOfString("idValues", r.knownIds().values().toArray(new String[0]));
      out.writeArrayOfInt32("previousSegments", r.previousSegments());
      out.writeBoolean("duplicate", r.duplicate());
      out.writeArrayOfInt8("staleView", r.staleView() == null ? null : packView(r.staleView()));
      out.writeArrayOfInt8(
          "records", r.records() == null ? null : TraitView.pack(r.records().values(), 0));
    }

    @Override
    public String getTypeName() {
      return "rtdcs.RealizeResult";
    }

    @Override
    public Class<RealizeResult> getCompactClass() {
      return RealizeResult.class;
    }
  }

  static final class Link implements CompactSerializer<IdLink> {
    @Override
    public IdLink read(CompactReader in) {
      // links written before devices were kept have no such field
      String[] devices =
          in.getFieldKind("devices") == FieldKind.ARRAY_OF_STRING
              ? in.readArrayOfString("devices")
              : null;
      return new IdLink(
          in.readString("uuid"),
          in.readInt64("linkedAt"),
          devices == null ? List.of() : Arrays.asList(devices));
    }

    @Override
    public void write(CompactWriter out, IdLink link) {
      out.writeInt64("linkedAt", link.linkedAt());
      out.writeString("uuid", link.uuid());
      out.writeArrayOfString("devices", link.devices().toArray(new String[0]));
    }

    @Override
    public String getTypeName() {
      return "rtdcs.IdLink";
    }

    @Override
    public Class<IdLink> getCompactClass() {
      return IdLink.class;
    }
  }

  static final class Relink implements CompactSerializer<LinkProcessor> {
    @Override
    public LinkProcessor read(CompactReader in) {
      return new LinkProcessor(in.readString("uuid"), in.readInt64("now"), in.readInt64("ttlDays"));
    }

    @Override
    public void write(CompactWriter out, LinkProcessor p) {
      out.writeInt64("now", p.now);
      out.writeInt64("ttlDays", p.ttlDays);
      out.writeString("uuid", p.uuid);
    }

    @Override
    public String getTypeName() {
      return "rtdcs.LinkProcessor";
    }

    @Override
    public Class<LinkProcessor> getCompactClass() {
      return LinkProcessor.class;
    }
  }

  static final class ForgetDevice implements CompactSerializer<ForgetDeviceProcessor> {
    @Override
    public ForgetDeviceProcessor read(CompactReader in) {
      return new ForgetDeviceProcessor(in.readString("uuid"));
    }

    @Override
    public void write(CompactWriter out, ForgetDeviceProcessor p) {
      out.writeString("uuid", p.uuid);
    }

    @Override
    public String getTypeName() {
      return "rtdcs.ForgetDeviceProcessor";
    }

    @Override
    public Class<ForgetDeviceProcessor> getCompactClass() {
      return ForgetDeviceProcessor.class;
    }
  }

  private ProcessorSerializers() {}

  /** A privacy action's times (rtdcs.privacy values). */
  static final class Privacy implements CompactSerializer<io.rtdcs.store.PrivacyMark> {
    @Override
    public io.rtdcs.store.PrivacyMark read(CompactReader in) {
      return new io.rtdcs.store.PrivacyMark(in.readInt64("optedOutAt"), in.readInt64("deletedAt"));
    }

    @Override
    public void write(CompactWriter out, io.rtdcs.store.PrivacyMark mark) {
      out.writeInt64("optedOutAt", mark.optedOutAt());
      out.writeInt64("deletedAt", mark.deletedAt());
    }

    @Override
    public String getTypeName() {
      return "rtdcs.PrivacyMark";
    }

    @Override
    public Class<io.rtdcs.store.PrivacyMark> getCompactClass() {
      return io.rtdcs.store.PrivacyMark.class;
    }
  }
}
