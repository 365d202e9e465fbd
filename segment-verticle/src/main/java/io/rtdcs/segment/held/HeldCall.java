package io.rtdcs.segment.held;

import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * One entry of {@code rtdcs.pending}: an accepted call answered before it was stored, as the node
 * delivering it held it. {@code call} is opaque here (dcs-verticle's form, encoded; replayed
 * through {@code dcs.calls.replay}); {@code holder} is that node's cluster id; {@code heldAt} this
 * member's clock. Stored as a one-line JSON header, a newline, and the call as received.
 */
public record HeldCall(String holder, long heldAt, long retryForMs, String call) {
  /** A held call larger than this (in characters) is refused; a realize body is far below it. */
  static final int MAX_CALL_CHARS = 256 * 1024;

  static final int MAX_HOLDER_LENGTH = 64;

  /** Reads a hold request's fields; a wrong one is a 400 naming it. */
  static HeldCall fromHoldRequest(JsonObject body, long now) {
    String holder = JsonFields.optString(body, "holder", "holder", "");
    if (holder.length() > MAX_HOLDER_LENGTH) {
      throw RequestException.badRequest(
          "holder", "must be at most " + MAX_HOLDER_LENGTH + " characters");
    }
    long retryForMs = JsonFields.optLong(body, "retryForMs", "retryForMs", -1);
    if (retryForMs < 1_000 || retryForMs > 300_000) {
      throw RequestException.badRequest("retryForMs", "must be between 1000 and 300000");
    }
    String call = JsonFields.requireString(body, "call", "call");
    if (call.length() > MAX_CALL_CHARS) {
      throw RequestException.badRequest("call", "longer than " + MAX_CALL_CHARS + " characters");
    }
    return new HeldCall(holder, now, retryForMs, call);
  }

  String encode() {
    return new JsonObject()
            .put("holder", holder)
            .put("heldAt", heldAt)
            .put("retryForMs", retryForMs)
            .encode()
        + "\n"
        + call;
  }

  static HeldCall decode(String stored) {
    int nl = stored.indexOf('\n');
    JsonObject header = new JsonObject(stored.substring(0, nl));
    return new HeldCall(
        header.getString("holder", ""),
        header.getLong("heldAt", 0L),
        header.getLong("retryForMs", 0L),
        stored.substring(nl + 1));
  }

  /**
   * Whether a member should replay it now: its holder left the cluster, or it is older than its own
   * retry window plus {@code graceMs} (the holder gave up, or its release was lost; a repeat
   * changes nothing, the call's tid makes it idempotent).
   */
  boolean orphaned(Set<String> members, long now, long graceMs) {
    boolean holderLeft = !holder.isEmpty() && !members.contains(holder);
    return holderLeft || now - heldAt > retryForMs + graceMs;
  }
}
