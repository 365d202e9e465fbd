package io.rtdcs.segment.store;

import io.rtdcs.store.StringKeyedRows;
import java.util.ArrayList;
import java.util.List;

/**
 * An ID link as a database row; its {@code ref} lists the uuid it points to, then its earlier
 * devices, space-separated, so an erasure finds every row that names a visitor.
 */
public final class IdLinkRows extends StringKeyedRows<IdLink> {
  public static final IdLinkRows CODEC = new IdLinkRows();
  static final int VERSION = 1;

  private IdLinkRows() {}

  @Override
  public byte[] encode(IdLink link) {
    VarBytes.Writer w =
        new VarBytes.Writer().unsigned(VERSION).string(link.uuid()).signed(link.linkedAt());
    w.unsigned(link.devices().size());
    for (String d : link.devices()) {
      w.string(d);
    }
    return w.toBytes();
  }

  @Override
  public IdLink decode(byte[] bytes) {
    try {
      VarBytes.Reader r = new VarBytes.Reader(bytes);
      int version = r.unsignedInt();
      if (version != VERSION) {
        throw new IllegalArgumentException("id link row of version " + version);
      }
      String uuid = r.string();
      long linkedAt = r.signed();
      int n = r.unsignedInt();
      if (n < 0 || n > IdLink.MAX_DEVICES) {
        throw new IllegalArgumentException("id link row with " + n + " devices");
      }
      List<String> devices = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        devices.add(r.string());
      }
      return new IdLink(uuid, linkedAt, devices);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("unreadable id link row: " + e.getMessage(), e);
    }
  }

  @Override
  public String ref(String key, IdLink link) {
    return String.join(" ", link.allDevices());
  }
}
