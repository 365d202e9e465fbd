package io.rtdcs.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply of {@code dcs.partners.lookup}: every partner's outcome, the ID syncs the visitor still
 * needs (Audience Manager's {@code ibs} shape, passed to the caller's answer as is) and how many
 * partners the instance asks ({@code partners}, -1 when not said).
 */
public record LookupReply(List<LookupOutcome> outcomes, JsonArray ibs, int partners) {
  /** The reply of no lookup: no outcome, no ID sync. */
  public static final LookupReply NONE = new LookupReply(List.of(), new JsonArray(), -1);

  public LookupReply {
    outcomes = List.copyOf(outcomes);
    ibs = ibs == null ? new JsonArray() : ibs;
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject().put("outcomes", LookupOutcome.listToJson(outcomes)).put("ibs", ibs);
    if (partners >= 0) {
      json.put("partners", partners);
    }
    return json;
  }

  /**
   * Reads a reply defensively (any consumer of the address may answer): an outcome that is not a
   * valid one is dropped, a wrong {@code ibs} or {@code partners} counts as absent.
   */
  public static LookupReply of(Object reply) {
    if (reply instanceof LookupReply r) {
      return r;
    }
    JsonObject json = reply instanceof JsonObject j ? j : new JsonObject();
    List<LookupOutcome> outcomes = new ArrayList<>();
    if (json.getValue("outcomes") instanceof JsonArray a) {
      for (int i = 0; i < a.size() && outcomes.size() < io.rtdcs.common.Limits.MAX_PARTNERS; i++) {
        try {
          outcomes.add(LookupOutcome.fromJson(a.getValue(i), "outcomes[" + i + "]"));
        } catch (RequestException invalid) {
          // not an outcome the realize step could take: dropped
        }
      }
    }
    JsonArray ibs = new JsonArray();
    if (json.getValue("ibs") instanceof JsonArray a) {
      for (Object o : a) {
        if (o instanceof JsonObject sync) {
          ibs.add(sync);
        }
      }
    }
    int partners = json.getValue("partners") instanceof Integer n && n >= 0 ? n : -1;
    return new LookupReply(outcomes, ibs, partners);
  }

  static void write(LookupReply r, WireWriter out) {
    LookupOutcome.writeList(r.outcomes, out);
    out.json(r.ibs).signedInt(r.partners);
  }

  static LookupReply read(WireReader in) {
    return new LookupReply(LookupOutcome.readList(in), in.jsonArray(), in.signedInt());
  }
}
