package io.rtdcs.partner.store;

import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partner definition from the cluster map and hands the valid ones on (the partner
 * verticle's registry, the bridge's tokens); change bursts coalesce (one reload at a time, one more
 * if anything changed meanwhile). Runs on the verticle's context.
 */
public final class PartnerDefinitionsLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerDefinitionsLoader.class);

  private final PartnerDefinitionStore store;
  private final Consumer<List<PartnerDefinition>> apply;
  private final RateLimitedLogger failures = new RateLimitedLogger(LOG, 10_000);
  private boolean loading;
  private boolean dirty;

  public PartnerDefinitionsLoader(
      PartnerDefinitionStore store, Consumer<List<PartnerDefinition>> apply) {
    this.store = Objects.requireNonNull(store, "store");
    this.apply = Objects.requireNonNull(apply, "apply");
  }

  /** Called on every change event. */
  public void requestReload() {
    if (loading) {
      dirty = true;
      return;
    }
    reload();
  }

  public Future<Void> reload() {
    loading = true;
    dirty = false;
    return store
        .all()
        .map(
            raw -> {
              apply.accept(parse(raw));
              return (Void) null;
            })
        .onFailure(t -> failures.warn("cannot load partner definitions: {}", t.toString()))
        .eventually(
            () -> {
              loading = false;
              if (dirty) {
                requestReload();
              }
              return Future.succeededFuture();
            });
  }

  private List<PartnerDefinition> parse(Map<Integer, String> raw) {
    List<PartnerDefinition> out = new ArrayList<>();
    raw.forEach(
        (dpid, json) -> {
          try {
            out.add(PartnerDefinition.fromJsonString(json));
          } catch (IllegalArgumentException e) {
            failures.warn("stored partner {} ignored: {}", dpid, e.getMessage());
          }
        });
    return out;
  }
}
