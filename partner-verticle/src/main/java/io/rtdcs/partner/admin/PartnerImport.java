package io.rtdcs.partner.admin;

import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.DefinitionWrites;
import io.rtdcs.common.ImportPlan;
import io.rtdcs.common.Limits;
import io.rtdcs.common.WriteOnlySecrets;
import io.rtdcs.partner.definition.JsonFields;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.rtdcs.partner.definition.PartnerUrlGuard;
import io.rtdcs.partner.store.PartnerDefinitionStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The partners' part of {@code POST /admin/import}: {@code import} validates every partner of the
 * document as a PUT would (masked keys keep the stored ones, at most {@link Limits#MAX_PARTNERS},
 * URLs against {@code egress.allow}), answers the difference, and unless a dry run writes it all or
 * nothing; {@code restore} puts back what an import wrote when a later part of it failed.
 */
final class PartnerImport {
  static final String KIND = "partners";

  private final PartnerDefinitionStore store;
  private final PartnerUrlGuard urls;

  PartnerImport(PartnerDefinitionStore store, PartnerUrlGuard urls) {
    this.store = Objects.requireNonNull(store, "store");
    this.urls = Objects.requireNonNull(urls, "urls");
  }

  /** {@code {op: import, definitions: [...], prune, dryRun}}. */
  Future<JsonObject> importAll(JsonObject body) {
    if (!(body.getValue("definitions") instanceof JsonArray items)) {
      throw JsonFields.invalid("definitions", "required, an array");
    }
    JsonFields f = new JsonFields(body, "");
    boolean prune = f.bool("prune", true);
    boolean dryRun = f.bool("dryRun", false);
    return store
        .all()
        .compose(
            stored -> {
              Map<Integer, PartnerDefinition> parsed = new TreeMap<>();
              ImportPlan plan = plan(items, stored, prune, parsed);
              return checkUrls(plan, parsed)
                  .compose(
                      v -> {
                        if (!plan.valid() || dryRun) {
                          return Future.succeededFuture(plan.toJson());
                        }
                        return store
                            .write(plan.steps())
                            .map(undo -> plan.toJson().put("undo", DefinitionWrites.toJson(undo)));
                      });
            });
  }

  /** {@code {op: restore, undo: [...]}}: fails when an entry could not be put back. */
  Future<JsonObject> restore(JsonObject body) {
    List<DefinitionWrites.Step> undo =
        DefinitionWrites.fromJson(body.getValue("undo"), Set.of(ClusterMaps.PARTNERS));
    return store
        .restore(undo)
        .compose(
            all ->
                all
                    ? Future.succeededFuture(new JsonObject().put("restored", undo.size()))
                    : Future.failedFuture(
                        new IllegalStateException("some partners could not be put back")));
  }

  /** The same URL check as a PUT ({@code egress.allow}); each refusal is an error of its item. */
  private Future<Void> checkUrls(ImportPlan plan, Map<Integer, PartnerDefinition> parsed) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<Integer, PartnerDefinition> item : parsed.entrySet()) {
      PartnerDefinition d = item.getValue();
      chain =
          chain.compose(
              v ->
                  urls.check(d)
                      .recover(
                          e -> {
                            plan.error(KIND, d.dpid(), item.getKey(), e.getMessage());
                            return Future.succeededFuture();
                          }));
    }
    return chain;
  }

  static ImportPlan plan(JsonArray items, Map<Integer, String> stored, boolean prune) {
    return plan(items, stored, prune, new TreeMap<>());
  }

  static ImportPlan plan(
      JsonArray items,
      Map<Integer, String> stored,
      boolean prune,
      Map<Integer, PartnerDefinition> parsed) {
    ImportPlan plan = new ImportPlan();
    Map<Integer, JsonObject> desired = new TreeMap<>();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.getValue(i) instanceof JsonObject item)) {
        plan.error(KIND, null, i, "expected a JSON object");
        continue;
      }
      Integer dpid = dpid(item.getValue("dpid"));
      if (dpid == null) {
        plan.error(KIND, null, i, "dpid: required, a positive integer");
        continue;
      }
      if (!seen.add(dpid)) {
        plan.error(KIND, dpid, i, "dpid: " + dpid + " appears more than once");
        continue;
      }
      try {
        JsonObject json = item;
        if (WriteOnlySecrets.masked(item, PartnerAdminHandler.SECRETS)) {
          String old = stored.get(dpid);
          json =
              WriteOnlySecrets.keepStored(
                  item, old == null ? null : new JsonObject(old), PartnerAdminHandler.SECRETS);
        }
        PartnerDefinition definition = PartnerDefinition.fromJson(json);
        parsed.put(i, definition);
        desired.put(dpid, definition.toJson());
      } catch (RuntimeException e) {
        plan.error(KIND, dpid, i, e.getMessage());
      }
    }
    Set<Integer> after = new HashSet<>(seen);
    if (!prune) {
      after.addAll(stored.keySet());
    }
    // the realize step accepts the outcomes of at most this many partners
    if (after.size() > Limits.MAX_PARTNERS) {
      plan.error(
          KIND,
          "at most "
              + Limits.MAX_PARTNERS
              + " partners per cluster; this import would leave "
              + after.size());
    }
    plan.compare(KIND, ClusterMaps.PARTNERS, stored, desired, prune);
    return plan;
  }

  private static Integer dpid(Object value) {
    if (value instanceof Integer i && i > 0) {
      return i;
    }
    if (value instanceof Long l && l > 0 && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    return null;
  }
}
