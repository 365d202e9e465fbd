package io.rtdcs.partner;

import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.partner.client.PartnerClient;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.rtdcs.partner.lookup.PartnerRegistry;
import io.rtdcs.partner.store.PartnerDefinitionStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the registry from the cluster map; change bursts coalesce (one reload at a time, one more
 * if anything changed meanwhile). Runs on the verticle's context.
 */
final class PartnerRegistryLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerRegistryLoader.class);

  private final PartnerDefinitionStore store;
  private final Function<PartnerDefinition, PartnerClient> clients;
  private final Supplier<PartnerRegistry> current;
  private final Consumer<PartnerRegistry> apply;
  private final RateLimitedLogger failures = new RateLimitedLogger(LOG, 10_000);
  private boolean loading;
  private boolean dirty;

  PartnerRegistryLoader(
      PartnerDefinitionStore store,
      Function<PartnerDefinition, PartnerClient> clients,
      Supplier<PartnerRegistry> current,
      Consumer<PartnerRegistry> apply) {
    this.store = Objects.requireNonNull(store, "store");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.current = Objects.requireNonNull(current, "current");
    this.apply = Objects.requireNonNull(apply, "apply");
  }

  /** Called on every change event. */
  void requestReload() {
    if (loading) {
      dirty = true;
      return;
    }
    reload();
  }

  Future<Void> reload() {
    loading = true;
    dirty = false;
    return store
        .all()
        .map(
            raw -> {
              apply.accept(current.get().rebuild(parse(raw), clients));
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
