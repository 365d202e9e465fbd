package io.rtdcs.segment.store;

import java.util.Objects;

/** A value of {@code rtdcs.ids}: the uuid a (dpid, dpuuid) pair maps to, and when it was linked. */
public record IdLink(String uuid, long linkedAt) {
  public IdLink {
    Objects.requireNonNull(uuid, "uuid");
  }

  /** The key of {@code rtdcs.ids}: {@code dpid:dpuuid}. */
  public static String key(int dpid, String dpuuid) {
    return dpid + ":" + dpuuid;
  }
}
