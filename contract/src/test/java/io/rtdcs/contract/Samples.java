package io.rtdcs.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** One filled instance of every typed message, as docs/event-bus.md shows them. */
final class Samples {
  static final String UUID = "22920112968019678612904394744954398990";

  static ResolveRequest resolve() {
    return new ResolveRequest(
        "31ZpxW5bQGc=", 95, UUID, List.of(new DeclaredIdentity(20915, "AB-12", 1, true)));
  }

  static VisitorFacts facts() {
    Map<Integer, String> synced = new LinkedHashMap<>();
    synced.put(9001, "partner-id-42");
    Map<Integer, CachedAnswer> cache = new LinkedHashMap<>();
    cache.put(9001, new CachedAnswer(List.of("auto-intender"), 1_764_400_000_000L));
    return new VisitorFacts(
        UUID, true, false, synced, cache, List.of(new DeclaredIdentity(20914, "alice", 2, true)));
  }

  static LookupRequest lookup() {
    Map<String, List<String>> signals = new LinkedHashMap<>();
    signals.put("c_category", List.of("shoes"));
    signals.put("p_email", List.of("a@example.com")); // dropped by the record
    return new LookupRequest(
        "31ZpxW5bQGc=",
        80,
        UUID,
        signals,
        Map.of(9001, "partner-id-42"),
        new LinkedHashSet<>(List.of(9002)),
        new JsonObject().put("gdpr", 1).put("gdprConsent", "CO..."));
  }

  static LookupReply lookupReply() {
    return new LookupReply(
        List.of(
            new LookupOutcome(9001, "ok", List.of("auto-intender", "shoes-buyer"), 600, 12, null),
            new LookupOutcome(9002, "cached", List.of(), -1, 0, "fresh answer cached"),
            new LookupOutcome(9003, "timeout", List.of(), -1, 80, "no answer within 80 ms")),
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", 9001)
                    .put("tag", "img")
                    .put("url", new JsonArray().add("https://sync.partner.example/sync?aam=%DID%"))
                    .put("ttl", 20160)
                    .put("fireURLSync", 1)),
        3);
  }

  static RealizeRequest realize() {
    Map<String, List<String>> signals = new LinkedHashMap<>();
    signals.put("c_category", List.of("shoes"));
    signals.put("p_email_domain", List.of("example.com"));
    return new RealizeRequest(
        "31ZpxW5bQGc=",
        40,
        UUID,
        signals,
        List.of(3001),
        List.of(),
        List.of(new DeclaredIdentity(20915, "AB-12", 1, false)),
        lookupReply().outcomes(),
        true,
        "https",
        0,
        List.of(new DeclaredIdentity(20914, "alice", 2, true)),
        false,
        false);
  }

  static RealizeReply realizeReply() {
    return new RealizeReply(
        UUID,
        false,
        new int[] {1001, 2001, 3001},
        new int[] {1001, 3001},
        new int[] {5001, 5002},
        new int[] {9999},
        new JsonArray()
            .add(
                new JsonObject()
                    .put("cn", "aam_tnt")
                    .put("cv", "segs=shoe_lovers")
                    .put("ttl", 30)
                    .put("dmn", ".example.com")),
        new JsonArray().add(new JsonObject().put("id", 7002).put("y", "img").put("c", "http://x")),
        false);
  }

  private Samples() {}
}
