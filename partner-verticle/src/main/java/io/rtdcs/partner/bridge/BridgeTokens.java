package io.rtdcs.partner.bridge;

import io.rtdcs.partner.definition.PartnerDefinition;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Which token lets a client register as which partner on the bridge, as it stands now: a partner
 * definition's {@code bridge.token} (changeable live through {@code /admin/partners}), else the
 * node config's {@code bridge.tokens} (read at start). Only enabled event-bus partners count. Read
 * from any event loop, replaced whole on a definition change.
 */
public final class BridgeTokens implements IntFunction<String> {
  private final Map<Integer, String> configured;
  private volatile Map<Integer, String> current;

  public BridgeTokens(Map<Integer, String> configured) {
    this.configured = Map.copyOf(Objects.requireNonNull(configured, "configured"));
    this.current = this.configured;
  }

  /** The token of {@code dpid}, or null: no client may register as that partner. */
  @Override
  public String apply(int dpid) {
    return current.get(dpid);
  }

  /** The dpids that have a token now. */
  public Set<Integer> dpids() {
    return Collections.unmodifiableSet(current.keySet());
  }

  /**
   * Takes the tokens of {@code definitions} (with the configured ones under them) and returns the
   * dpids whose token changed or went away: their registered clients must register again.
   */
  public Set<Integer> update(Iterable<PartnerDefinition> definitions) {
    Map<Integer, String> next = new TreeMap<>(configured);
    for (PartnerDefinition d : definitions) {
      if (d.bridgeToken() != null && d.enabled()) {
        next.put(d.dpid(), d.bridgeToken());
      }
    }
    Map<Integer, String> previous = current;
    current = Map.copyOf(next);
    Set<Integer> changed = new HashSet<>();
    previous.forEach(
        (dpid, token) -> {
          if (!token.equals(next.get(dpid))) {
            changed.add(dpid);
          }
        });
    return changed;
  }
}
