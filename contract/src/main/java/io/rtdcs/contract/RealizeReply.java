package io.rtdcs.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The reply of {@code dcs.profiles.realize}.
 *
 * @param traits every live trait of the profile after the call
 * @param realized the traits this call realized
 * @param segments the segments the visitor qualifies for now
 * @param unknownSids {@code d_sid} values that name no trait
 * @param stuff cookie destinations, in the answer's own JSON shape
 * @param dests URL destinations, in the answer's own JSON shape
 * @param duplicate the profile already held this call's tid: nothing changed
 */
public record RealizeReply(
    String uuid,
    boolean optedOut,
    int[] traits,
    int[] realized,
    int[] segments,
    int[] unknownSids,
    JsonArray stuff,
    JsonArray dests,
    boolean duplicate) {

  public RealizeReply {
    stuff = stuff == null ? new JsonArray() : stuff;
    dests = dests == null ? new JsonArray() : dests;
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("uuid", uuid)
            .put("optedOut", optedOut)
            .put("traits", ContractFields.intsJson(traits))
            .put("realized", ContractFields.intsJson(realized))
            .put("segments", ContractFields.intsJson(segments))
            .put("unknownSids", ContractFields.intsJson(unknownSids));
    if (duplicate) {
      json.put("duplicate", true);
    }
    return json.put("stuff", stuff).put("dests", dests);
  }

  /**
   * Reads a reply defensively (whoever answers the address): a list of a wrong type counts as
   * empty, an element that is not an integer is dropped.
   */
  public static RealizeReply of(Object reply) {
    if (reply instanceof RealizeReply r) {
      return r;
    }
    JsonObject json = reply instanceof JsonObject j ? j : new JsonObject();
    return new RealizeReply(
        json.getValue("uuid") instanceof String s ? s : null,
        Boolean.TRUE.equals(json.getValue("optedOut")),
        ints(json, "traits"),
        ints(json, "realized"),
        ints(json, "segments"),
        ints(json, "unknownSids"),
        array(json, "stuff"),
        array(json, "dests"),
        Boolean.TRUE.equals(json.getValue("duplicate")));
  }

  private static JsonArray array(JsonObject json, String key) {
    return json.getValue(key) instanceof JsonArray a ? a : new JsonArray();
  }

  private static int[] ints(JsonObject json, String key) {
    JsonArray a = array(json, key);
    return a.stream().filter(v -> v instanceof Integer).mapToInt(v -> (Integer) v).toArray();
  }

  static void write(RealizeReply r, WireWriter out) {
    out.string(r.uuid)
        .bool(r.optedOut)
        .ints(r.traits)
        .ints(r.realized)
        .ints(r.segments)
        .ints(r.unknownSids)
        .json(r.stuff)
        .json(r.dests)
        .bool(r.duplicate);
  }

  static RealizeReply read(WireReader in) {
    return new RealizeReply(
        in.string(),
        in.bool(),
        in.intArray(),
        in.intArray(),
        in.intArray(),
        in.intArray(),
        in.jsonArray(),
        in.jsonArray(),
        in.bool());
  }
}
