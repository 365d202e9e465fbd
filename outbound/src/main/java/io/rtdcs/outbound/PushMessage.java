package io.rtdcs.outbound;

import io.rtdcs.segment.definitions.DestinationDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The body of one real-time outbound message in Audience Manager's format (reference 4.1), numbers
 * quoted as in AAM's examples, times as {@code Wed Jul 27 16:17:42 UTC 2016}. Pure.
 */
public final class PushMessage {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** One segment status of a user. */
  public record SegmentStatus(String segmentId, boolean active, long at) {}

  /** One user of a message. */
  public record User(String uuid, String dpuuid, List<SegmentStatus> segments) {}

  public static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  public static JsonObject build(
      DestinationDefinition d, List<User> users, int region, long processTime) {
    JsonArray out = new JsonArray();
    for (User u : users) {
      JsonArray segs = new JsonArray();
      for (SegmentStatus s : u.segments()) {
        segs.add(
            new JsonObject()
                .put("Segment_ID", s.segmentId())
                .put("Status", s.active() ? "1" : "0")
                .put("DateTime", time(s.at())));
      }
      out.add(
          new JsonObject()
              .put("AAM_UUID", u.uuid())
              .put("DataPartner_UUID", u.dpuuid())
              .put("AAM_Regions", new JsonArray().add(Integer.toString(region)))
              .put("Segments", segs));
    }
    return new JsonObject()
        .put("ProcessTime", time(processTime))
        .put("User_DPID", Integer.toString(d.s2s().userDpid()))
        .put("Client_ID", d.s2s().clientId())
        .put("AAM_Destination_Id", Integer.toString(d.id()))
        .put("User_count", Integer.toString(users.size()))
        .put("Users", out);
  }

  private PushMessage() {}
}
