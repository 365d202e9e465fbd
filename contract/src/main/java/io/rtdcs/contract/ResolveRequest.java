package io.rtdcs.contract;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code dcs.profiles.resolve}: who is this visitor (docs/event-bus.md). Read only.
 *
 * @param uuid the call's uuid, or null
 * @param declaredIds the call's declared IDs; only the proven ones are looked up
 */
public record ResolveRequest(
    String tid, long timeoutMs, String uuid, List<DeclaredIdentity> declaredIds)
    implements TimedRequest<ResolveRequest> {

  public ResolveRequest {
    declaredIds = List.copyOf(declaredIds);
  }

  @Override
  public ResolveRequest withTimeoutMs(long timeoutMs) {
    return new ResolveRequest(tid, timeoutMs, uuid, declaredIds);
  }

  /** The request as received: the record itself (checked) or its JSON form (read, checked). */
  public static ResolveRequest of(Object body) {
    if (body instanceof ResolveRequest r) {
      r.check();
      return r;
    }
    JsonObject json = JsonFields.object(body, "body");
    ResolveRequest r =
        new ResolveRequest(
            ContractFields.tid(json),
            ContractFields.timeoutMs(json),
            ContractFields.uuid(json, false),
            ContractFields.declaredIds(json));
    return r;
  }

  /** The limits of docs/event-bus.md, with the field named (400). */
  public void check() {
    ContractFields.checkTid(tid);
    ContractFields.checkTimeoutMs(timeoutMs);
    ContractFields.checkUuid(uuid, false);
    ContractFields.checkDeclaredIds(declaredIds);
  }

  public List<DeclaredIdentity> provenDeclaredIds() {
    return declaredIds.stream().filter(DeclaredIdentity::proven).toList();
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("tid", tid)
        .put("timeoutMs", timeoutMs)
        .put("uuid", uuid)
        .put("declaredIds", ContractFields.declaredIdsJson(declaredIds));
  }

  static void write(ResolveRequest r, WireWriter out) {
    out.string(r.tid).signedLong(r.timeoutMs).string(r.uuid).declaredIds(r.declaredIds);
  }

  static ResolveRequest read(WireReader in) {
    return new ResolveRequest(in.string(), in.signedLong(), in.string(), in.declaredIds());
  }
}
