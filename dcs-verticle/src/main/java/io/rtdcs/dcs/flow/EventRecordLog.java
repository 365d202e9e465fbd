package io.rtdcs.dcs.flow;

import io.rtdcs.contract.ContractFields;
import io.rtdcs.contract.LookupOutcome;
import io.rtdcs.contract.RealizeReply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
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
      long now, String tid, String uuid, RealizeReply realized, List<LookupOutcome> outcomes) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    LOG.info(line(now, tid, uuid, realized, outcomes).encode());
  }

  static JsonObject line(
      long now, String tid, String uuid, RealizeReply realized, List<LookupOutcome> outcomes) {
    JsonArray partners = new JsonArray();
    for (LookupOutcome o : outcomes) {
      partners.add(
          new JsonObject()
              .put("dpid", o.dpid())
              .put("outcome", o.outcome())
              .put("latencyMs", o.latencyMs()));
    }
    JsonObject line = new JsonObject().put("time", now).put("tid", tid).put("uuid", uuid);
    if (realized == null) {
      line.put("stored", false);
    } else {
      line.put("realized", ContractFields.intsJson(realized.realized()))
          .put("segments", ContractFields.intsJson(realized.segments()));
    }
    return line.put("partners", partners);
  }
}
