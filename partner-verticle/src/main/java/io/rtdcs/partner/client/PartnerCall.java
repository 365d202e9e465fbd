package io.rtdcs.partner.client;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One request to one partner: what the partner may see ({@code signals} already filtered to the
 * definition's keys, never {@code p_}) and {@code tmax}, the hard deadline of this call in ms.
 */
public record PartnerCall(
    int dpid,
    String uuid,
    String dpuuid,
    JsonObject signals,
    long tmax,
    String tid,
    JsonObject consent) {

  public PartnerCall {
    Objects.requireNonNull(signals, "signals");
    if (tmax <= 0) {
      throw new IllegalArgumentException("tmax must be > 0, was " + tmax);
    }
  }

  /** The JSON an HTTP partner gets as POST body and an event-bus partner as message body. */
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("uuid", uuid)
            .put("dpuuid", dpuuid)
            .put("signals", signals.copy())
            .put("tmax", tmax)
            .put("tid", tid);
    if (consent != null) {
      json.put("consent", consent.copy());
    }
    return json;
  }
}
