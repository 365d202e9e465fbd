package io.rtdcs.segment.handlers;

import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.rtdcs.segment.store.DeclaredId;
import io.rtdcs.segment.store.IdLink;
import io.rtdcs.segment.store.ProfileStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The visitors a privacy request (opt-out, deletion) names: its uuid, plus every device each of its
 * declared IDs was ever linked to, not only the newest.
 */
final class PrivacyTargets {
  private PrivacyTargets() {}

  /** What the request names; throws {@link RequestException} naming the field when it is wrong. */
  record Request(String uuid, List<DeclaredId> declared) {
    static Request parse(Object body) {
      JsonObject json = JsonFields.object(body, "body");
      String uuid = Requests.uuid(json, false);
      // only a proven declared ID names a visitor: anyone could send any customer id
      List<DeclaredId> declared = Requests.provenDeclaredIds(json);
      if (uuid == null && declared.isEmpty()) {
        throw Requests.declaredIds(json).isEmpty()
            ? RequestException.badRequest("uuid", "uuid or declaredIds is required")
            : RequestException.badRequest(
                "declaredIds", "none is proven (\"proven\": true): they name nobody");
      }
      return new Request(uuid, declared);
    }
  }

  /** The uuids, in request order, each once. */
  static Future<List<String>> resolve(ProfileStore store, Request request) {
    List<Future<IdLink>> lookups = new ArrayList<>();
    for (DeclaredId d : request.declared()) {
      lookups.add(store.lookup(d.dpid(), d.dpuuid()));
    }
    return Future.all(lookups)
        .map(
            all -> {
              Set<String> uuids = new LinkedHashSet<>();
              if (request.uuid() != null) {
                uuids.add(request.uuid());
              }
              for (Future<IdLink> f : lookups) {
                if (f.result() != null) {
                  uuids.addAll(f.result().allDevices());
                }
              }
              return new ArrayList<>(uuids);
            });
  }
}
