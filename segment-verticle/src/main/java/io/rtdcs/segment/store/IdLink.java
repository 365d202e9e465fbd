package io.rtdcs.segment.store;

import java.util.List;
import java.util.Objects;

/**
 * A value of {@code rtdcs.ids}: the uuid a (dpid, dpuuid) pair maps to, when it was linked, and the
 * other devices (uuids) the pair was linked to before, newest first, at most {@link #MAX_DEVICES},
 * so an opt-out or deletion by declared ID reaches every device of the person.
 */
public record IdLink(String uuid, long linkedAt, List<String> devices) {
  /** Earlier devices kept per link. */
  public static final int MAX_DEVICES = 10;

  public IdLink {
    Objects.requireNonNull(uuid, "uuid");
    devices = devices == null ? List.of() : List.copyOf(devices);
  }

  public IdLink(String uuid, long linkedAt) {
    this(uuid, linkedAt, List.of());
  }

  /** The key of {@code rtdcs.ids}: {@code dpid:dpuuid}. */
  public static String key(int dpid, String dpuuid) {
    return dpid + ":" + dpuuid;
  }

  /** This link re-pointed to {@code newUuid}: the current uuid joins the earlier devices. */
  public IdLink relinked(String newUuid, long now) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(MAX_DEVICES);
    if (!uuid.equals(newUuid)) {
      out.add(uuid);
    }
    for (String d : devices) {
      if (out.size() >= MAX_DEVICES) {
        break;
      }
      if (!d.equals(newUuid) && !out.contains(d)) {
        out.add(d);
      }
    }
    return new IdLink(newUuid, now, out);
  }

  /** Every device of this link: the current uuid first, then the earlier ones. */
  public List<String> allDevices() {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(devices.size() + 1);
    out.add(uuid);
    out.addAll(devices);
    return out;
  }
}
