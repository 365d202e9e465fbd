package io.rtdcs.contract;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * {@code dcs.profiles.realize}: one atomic realize-evaluate-store of a call (docs/event-bus.md).
 *
 * @param tid the call's idempotency key, or null
 * @param timeoutMs how long this attempt's sender waits (the realize is applied whenever it comes)
 * @param uuid the visitor (required)
 * @param signals key -> values, {@code p_} keys included (used by rules, never stored)
 * @param sids traits realized directly ({@code d_sid})
 * @param tdpid when not empty, only traits of those data sources are evaluated from signals
 * @param declaredIds the call's declared IDs
 * @param partners the lookup's outcomes ({@code ok} and {@code no-data} change the cache)
 * @param urlDestinations include URL destinations in the reply
 * @param httpProto {@code http} or {@code https}: the form of URL destinations
 * @param nsid the caller's namespace id ({@code d_nsid})
 * @param identities the declared IDs the device proved before, as resolve answered them
 * @param readIdentities the sender did not resolve the device: read them when a rule needs them
 * @param dryRun the node's warm-up: the whole logic on an empty profile, nothing stored
 */
public record RealizeRequest(
    String tid,
    long timeoutMs,
    String uuid,
    Map<String, List<String>> signals,
    List<Integer> sids,
    List<Integer> tdpid,
    List<DeclaredIdentity> declaredIds,
    List<LookupOutcome> partners,
    boolean urlDestinations,
    String httpProto,
    int nsid,
    List<DeclaredIdentity> identities,
    boolean readIdentities,
    boolean dryRun)
    implements TimedRequest<RealizeRequest> {

  public RealizeRequest {
    signals = Map.copyOf(signals);
    sids = List.copyOf(sids);
    tdpid = List.copyOf(tdpid);
    declaredIds = List.copyOf(declaredIds);
    partners = List.copyOf(partners);
    identities = List.copyOf(identities);
    httpProto = httpProto == null ? "https" : httpProto;
  }

  @Override
  public RealizeRequest withTimeoutMs(long timeoutMs) {
    return with(timeoutMs, uuid, identities, readIdentities, dryRun);
  }

  /**
   * The same call for the visitor {@code uuid}: with the identities its resolve found, or, when its
   * profile was not read ({@code read} false), asking the store to read them.
   */
  public RealizeRequest forVisitor(String uuid, List<DeclaredIdentity> identities, boolean read) {
    return with(timeoutMs, uuid, read ? identities : List.of(), !read, dryRun);
  }

  /** This call as the node's warm-up: nothing stored. */
  public RealizeRequest asDryRun() {
    return with(timeoutMs, uuid, identities, readIdentities, true);
  }

  private RealizeRequest with(
      long timeoutMs,
      String uuid,
      List<DeclaredIdentity> identities,
      boolean readIdentities,
      boolean dryRun) {
    return new RealizeRequest(
        tid,
        timeoutMs,
        uuid,
        signals,
        sids,
        tdpid,
        declaredIds,
        partners,
        urlDestinations,
        httpProto,
        nsid,
        identities,
        readIdentities,
        dryRun);
  }

  /** The proven declared IDs: the ones realize links to this visitor. */
  public List<DeclaredIdentity> provenDeclaredIds() {
    return declaredIds.stream().filter(DeclaredIdentity::proven).toList();
  }

  /** The request as received: the record itself (checked) or its JSON form (read, checked). */
  public static RealizeRequest of(Object body) {
    if (body instanceof RealizeRequest r) {
      r.check();
      return r;
    }
    return fromJson(JsonFields.object(body, "body"), true);
  }

  /**
   * Reads the JSON form; {@code uuidRequired} false for a held call's realize whose visitor is
   * resolved first (docs/event-bus.md, "Held calls").
   */
  public static RealizeRequest fromJson(JsonObject json, boolean uuidRequired) {
    JsonObject dst = JsonFields.optObject(json, "destinations", "destinations");
    RealizeRequest r =
        new RealizeRequest(
            ContractFields.tid(json),
            ContractFields.timeoutMs(json),
            ContractFields.uuid(json, uuidRequired),
            ContractFields.signals(json),
            ContractFields.ints(json, "sids", ContractFields.MAX_SIDS),
            ContractFields.ints(json, "tdpid", ContractFields.MAX_SIDS),
            ContractFields.declaredIds(json),
            LookupOutcome.listFromJson(json, "partners"),
            JsonFields.optBoolean(dst, "url", "destinations.url", false),
            JsonFields.optString(dst, "httpProto", "destinations.httpProto", "https"),
            JsonFields.optInt(dst, "nsid", "destinations.nsid", 0),
            ContractFields.identities(json),
            JsonFields.optBoolean(json, "readIdentities", "readIdentities", false),
            JsonFields.optBoolean(json, "dryRun", "dryRun", false));
    r.checkHttpProto();
    return r;
  }

  /** The limits of docs/event-bus.md, with the field named (400). */
  public void check() {
    ContractFields.checkTid(tid);
    ContractFields.checkTimeoutMs(timeoutMs);
    ContractFields.checkUuid(uuid, true);
    ContractFields.checkSignals(signals);
    ContractFields.checkSize(sids, "sids", ContractFields.MAX_SIDS);
    ContractFields.checkSize(tdpid, "tdpid", ContractFields.MAX_SIDS);
    ContractFields.checkDeclaredIds(declaredIds);
    LookupOutcome.checkList(partners, "partners");
    ContractFields.checkIdentities(identities);
    checkHttpProto();
  }

  private void checkHttpProto() {
    if (!"http".equals(httpProto) && !"https".equals(httpProto)) {
      throw RequestException.badRequest("destinations.httpProto", "must be http or https");
    }
  }

  @Override
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("tid", tid)
            .put("timeoutMs", timeoutMs)
            .put("uuid", uuid)
            .put("signals", ContractFields.signalsJson(signals))
            .put("sids", ContractFields.intsJson(sids))
            .put("tdpid", ContractFields.intsJson(tdpid))
            .put("declaredIds", ContractFields.declaredIdsJson(declaredIds))
            .put("partners", LookupOutcome.listToJson(partners))
            .put(
                "destinations",
                new JsonObject()
                    .put("url", urlDestinations)
                    .put("httpProto", httpProto)
                    .put("nsid", nsid));
    if (!identities.isEmpty()) {
      json.put("identities", ContractFields.identitiesJson(identities));
    }
    if (readIdentities) {
      json.put("readIdentities", true);
    }
    if (dryRun) {
      json.put("dryRun", true);
    }
    return json;
  }

  static void write(RealizeRequest r, WireWriter out) {
    out.string(r.tid)
        .signedLong(r.timeoutMs)
        .string(r.uuid)
        .signals(r.signals)
        .ints(r.sids)
        .ints(r.tdpid)
        .declaredIds(r.declaredIds);
    LookupOutcome.writeList(r.partners, out);
    out.bool(r.urlDestinations)
        .string(r.httpProto)
        .signedInt(r.nsid)
        .declaredIds(r.identities)
        .bool(r.readIdentities)
        .bool(r.dryRun);
  }

  static RealizeRequest read(WireReader in) {
    return new RealizeRequest(
        in.string(),
        in.signedLong(),
        in.string(),
        in.signals(),
        in.ints(),
        in.ints(),
        in.declaredIds(),
        LookupOutcome.readList(in),
        in.bool(),
        in.string(),
        in.signedInt(),
        in.declaredIds(),
        in.bool(),
        in.bool());
  }
}
