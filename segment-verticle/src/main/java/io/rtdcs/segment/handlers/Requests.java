package io.rtdcs.segment.handlers;

import io.rtdcs.contract.ContractFields;
import io.rtdcs.contract.DeclaredIdentity;
import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.rtdcs.segment.store.DeclaredId;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Validating readers of the request fields the JSON-only segment addresses share (opt-out,
 * deletion, ID sync, profile get): the contract's own readers ({@link ContractFields}), in the
 * store's types.
 */
final class Requests {
  /**
   * The fields every request may carry: {@code tid} (string of at most 64 characters) and {@code
   * timeoutMs} (>= 0).
   */
  static void common(JsonObject body) {
    ContractFields.tid(body);
    ContractFields.timeoutMs(body);
  }

  /** The request's {@code timeoutMs} (>= 0; 0 when absent: no deadline). */
  static long timeoutMs(JsonObject body) {
    return ContractFields.timeoutMs(body);
  }

  static String uuid(JsonObject body, boolean required) {
    common(body);
    return ContractFields.uuid(body, required);
  }

  static List<DeclaredId> declaredIds(JsonObject body) {
    return stored(ContractFields.declaredIds(body));
  }

  /**
   * The declared IDs marked {@code "proven": true}: the caller proved them (a signature or an
   * authenticated caller, checked by the dcs verticle or the admin API), so they may find, link or
   * opt out the profile they name. Unproven ones are only kept in the caller's own profile.
   */
  static List<DeclaredId> provenDeclaredIds(JsonObject body) {
    return declaredIds(body).stream().filter(DeclaredId::proven).toList();
  }

  /** The contract's declared IDs as the store keeps them. */
  static List<DeclaredId> stored(List<DeclaredIdentity> ids) {
    List<DeclaredId> out = new ArrayList<>(ids.size());
    for (DeclaredIdentity d : ids) {
      out.add(new DeclaredId(d.dpid(), d.dpuuid(), d.auth(), d.proven()));
    }
    return out;
  }

  /** The store's declared IDs on the contract. */
  static List<DeclaredIdentity> contract(List<DeclaredId> ids) {
    List<DeclaredIdentity> out = new ArrayList<>(ids.size());
    for (DeclaredId d : ids) {
      out.add(new DeclaredIdentity(d.dpid(), d.dpuuid(), d.auth(), d.proven()));
    }
    return out;
  }

  static String dpuuid(JsonObject o, String field) {
    String dpuuid = JsonFields.requireString(o, "dpuuid", field);
    if (dpuuid.length() > ContractFields.MAX_ID_LENGTH) {
      throw RequestException.badRequest(
          field, "longer than " + ContractFields.MAX_ID_LENGTH + " characters");
    }
    return dpuuid;
  }

  private Requests() {}
}
