package io.rtdcs.dcs.flow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional per-event record for analytics pipelines: one JSON line per processed {@code /event}
 * on the logger {@code rtdcs.events} (off unless that logger is set to INFO): time, tid, uuid,
 * realized traits, segments and each partner's outcome and latency. Never signal values (neither
 * {@code c_} nor {@code p_}), never partner segments.
 */
public final class EventRecordLog {
  public static final String LOGGER = "rtdcs.events";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private EventRecordLog() {}

  public static boolean enabled() {
    return LOG.isInfoEnabled();
  }

  static void record(
      long now, String tid, String uuid, JsonObject realized, JsonArray partnerOutcomes) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    LOG.info(line(now, tid, uuid, realized, partnerOutcomes).encode());
  }

  static JsonObject line(
      long now, String tid, String uuid, JsonObject realized, JsonArray partnerOutcomes) {
    JsonArray partners = new JsonArray();
    for (Object o : partnerOutcomes) {
      if (o instanceof JsonObject p) {
        partners.add(
            new JsonObject()
                .put("dpid", p.getValue("dpid"))
                .put("outcome", p.getValue("outcome"))
                .put("latencyMs", p.getValue("latencyMs")));
      }
    }
    JsonObject line = new JsonObject().put("time", now).put("tid", tid).put("uuid", uuid);
    if (realized == null) {
      line.put("stored", false);
    } else {
      line.put("realized", array(realized, "realized"))
          .put("segments", array(realized, "segments"));
    }
    return line.put("partners", partners);
  }

  private static JsonArray array(JsonObject json, String key) {
    return json.getValue(key) instanceof JsonArray a ? a.copy() : new JsonArray();
  }
}
