package io.rtdcs.partner.lookup;

import io.rtdcs.partner.client.PartnerClient;
import io.rtdcs.partner.definition.PartnerDefinition;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The partners this verticle instance knows, with their client chains, ordered by dpid. Replaced as
 * a whole on every change; an entry whose definition did not change keeps its client (and so its
 * circuit breaker state).
 */
public final class PartnerRegistry {
  /** One partner: its definition and the client chain built for it. */
  public record Entry(PartnerDefinition definition, PartnerClient client) {}

  private final Map<Integer, Entry> entries;

  private PartnerRegistry(Map<Integer, Entry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  public static PartnerRegistry empty() {
    return new PartnerRegistry(new TreeMap<>());
  }

  /**
   * The registry for {@code definitions}: unchanged entries are kept, new or changed ones are built
   * with {@code clients}, and the clients of replaced or removed entries are closed.
   */
  public PartnerRegistry rebuild(
      Collection<PartnerDefinition> definitions,
      Function<PartnerDefinition, PartnerClient> clients) {
    Map<Integer, Entry> next = new TreeMap<>();
    for (PartnerDefinition definition : definitions) {
      Entry old = entries.get(definition.dpid());
      if (old != null && old.definition().equals(definition)) {
        next.put(definition.dpid(), old);
      } else {
        next.put(definition.dpid(), new Entry(definition, clients.apply(definition)));
      }
    }
    entries.forEach(
        (dpid, old) -> {
          if (next.get(dpid) != old) {
            old.client().close();
          }
        });
    return new PartnerRegistry(next);
  }

  public Collection<Entry> entries() {
    return entries.values();
  }

  public Entry get(int dpid) {
    return entries.get(dpid);
  }

  public void close() {
    entries.values().forEach(e -> e.client().close());
  }
}
