package io.rtdcs.segment.outbound;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pending push in {@code rtdcs.outbound} (key {@code destinationId|uuid}, value this as a JSON
 * string): the visitor, the partner ID to send, the segments the visitor left since the last
 * delivered push (segment id -> time it was left), a version that grows with every change, and when
 * it was first queued. The visitor's current segments are read from the profile when the push is
 * sent, so a later change always wins and the order per visitor holds.
 */
public record OutboxEntry(
    String uuid, String dpuuid, Map<Integer, Long> left, long version, long queuedAt) {

  public OutboxEntry {
    left = new TreeMap<>(left);
  }

  public static String key(int destinationId, String uuid) {
    return destinationId + "|" + uuid;
  }

  /** The destination id of a key, or -1 when the key is not one of ours. */
  public static int destinationOf(String key) {
    int bar = key.indexOf('|');
    if (bar <= 0) {
      return -1;
    }
    try {
      return Integer.parseInt(key.substring(0, bar));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** This entry with a newer change folded in: left segments accumulate, the newest ID wins. */
  OutboxEntry merge(String newDpuuid, Map<Integer, Long> newlyLeft) {
    Map<Integer, Long> all = new TreeMap<>(left);
    newlyLeft.forEach((seg, at) -> all.merge(seg, at, Math::max));
    return new OutboxEntry(uuid, newDpuuid, all, version + 1, queuedAt);
  }

  public String toJson() {
    JsonObject l = new JsonObject();
    left.forEach((seg, at) -> l.put(Integer.toString(seg), at));
    return new JsonObject()
        .put("uuid", uuid)
        .put("dpuuid", dpuuid)
        .put("left", l)
        .put("version", version)
        .put("queuedAt", queuedAt)
        .encode();
  }

  public static OutboxEntry fromJson(String json) {
    JsonObject o = new JsonObject(json);
    Map<Integer, Long> left = new TreeMap<>();
    JsonObject l = o.getJsonObject("left", new JsonObject());
    for (String seg : l.fieldNames()) {
      left.put(Integer.parseInt(seg), l.getLong(seg));
    }
    return new OutboxEntry(
        o.getString("uuid"),
        o.getString("dpuuid"),
        left,
        o.getLong("version", 0L),
        o.getLong("queuedAt", 0L));
  }
}
