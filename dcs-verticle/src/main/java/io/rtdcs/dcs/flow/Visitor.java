package io.rtdcs.dcs.flow;

import io.rtdcs.contract.DeclaredIdentity;
import io.rtdcs.contract.VisitorFacts;
import io.rtdcs.dcs.request.Identifiers;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who the caller is, after {@code dcs.profiles.resolve} (or without it for a new visitor).
 *
 * @param uuid the visitor uuid (never null)
 * @param optedOut the visitor is opted out: stop
 * @param syncedIds dpid -> DPUUID
 * @param cachedDpids partners whose cached answer is still fresh
 * @param identities the declared IDs the device proved before, newest first (merge rules read the
 *     people's profiles and linked devices they name: docs/profiles.md)
 * @param read the profile was read (resolved); else the realize step finds an opt-out and reads the
 *     identities itself when its merge rules need them ({@link #unread})
 */
record Visitor(
    String uuid,
    boolean optedOut,
    Map<Integer, String> syncedIds,
    Set<Integer> cachedDpids,
    List<DeclaredIdentity> identities,
    boolean read) {

  static Visitor fresh(String uuid) {
    return new Visitor(uuid, false, Map.of(), Set.of(), List.of(), true);
  }

  /** A returning visitor known by its uuid alone, whose profile was not read before the realize. */
  static Visitor unread(String uuid) {
    return new Visitor(uuid, false, Map.of(), Set.of(), List.of(), false);
  }

  /**
   * The visitor a resolve reply names (read defensively, {@link VisitorFacts#of}): the reply's uuid
   * when it is one this verticle would mint (38 digits), else {@code fallback} (the call's own),
   * else {@code minted}.
   */
  static Visitor fromReply(Object reply, String fallback, String minted) {
    VisitorFacts facts = VisitorFacts.of(reply);
    // the dcs verticle's own rule: a visitor's uuid is 38 digits (the contract takes 1 to 38)
    String uuid =
        Identifiers.isValidUuid(facts.uuid()) ? facts.uuid() : fallback != null ? fallback : minted;
    return new Visitor(
        uuid,
        facts.optedOut(),
        facts.syncedIds(),
        facts.partnerCache().keySet(),
        facts.identities(),
        true);
  }
}
