package io.rtdcs.dcs.flow;

import io.rtdcs.common.Limits;
import io.rtdcs.contract.RealizeRequest;
import io.rtdcs.contract.RequestException;
import io.rtdcs.contract.ResolveRequest;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What it takes to collect an accepted call: its realization, and, for a visitor to resolve first,
 * the resolve whose answer names it ({@code fallbackUuid} when none does). Held in the cluster in
 * its JSON form (docs/event-bus.md, "Held calls"): {@code {"tid", "realize": body}}, or {@code
 * {"tid", "resolve": body, "realize": body without uuid, "uuid": the call's own uuid or absent}}.
 *
 * @param resolve null when the realize names its visitor
 * @param fallbackUuid the call's own uuid when the resolve names none, or null (one is minted)
 */
record CollectedCall(
    String tid, ResolveRequest resolve, RealizeRequest realize, String fallbackUuid) {

  CollectedCall {
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(realize, "realize");
  }

  /** A call whose realize names its visitor. */
  static CollectedCall realize(RealizeRequest realize) {
    return new CollectedCall(realize.tid(), null, realize, null);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("tid", tid);
    if (resolve != null) {
      json.put("resolve", resolve.toJson());
    }
    json.put("realize", realize.toJson());
    if (fallbackUuid != null) {
      json.put("uuid", fallbackUuid);
    }
    return json;
  }

  /** Reads a held call (from {@code dcs.calls.replay}); 400 naming what is not one. */
  static CollectedCall fromJson(Object body) {
    if (!(body instanceof JsonObject call)) {
      throw RequestException.badRequest("body", "must be a JSON object");
    }
    if (!(call.getValue("tid") instanceof String tid)
        || tid.isEmpty()
        || tid.length() > Limits.MAX_TID_LENGTH) {
      throw RequestException.badRequest(
          "tid", "must be 1 to " + Limits.MAX_TID_LENGTH + " characters");
    }
    if (!(call.getValue("realize") instanceof JsonObject realize)) {
      throw RequestException.badRequest("realize", "must be an object");
    }
    Object resolve = call.getValue("resolve");
    if (resolve != null && !(resolve instanceof JsonObject)) {
      throw RequestException.badRequest("resolve", "must be an object");
    }
    Object uuid = call.getValue("uuid");
    if (uuid != null && !(uuid instanceof String)) {
      throw RequestException.badRequest("uuid", "must be a string");
    }
    return new CollectedCall(
        tid,
        resolve == null ? null : ResolveRequest.of(resolve),
        RealizeRequest.fromJson(realize, resolve == null),
        (String) uuid);
  }
}
