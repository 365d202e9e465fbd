package io.rtdcs.bench.micro;

import io.rtdcs.segment.store.Profile;
import io.rtdcs.segment.store.TraitRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The definitions and profiles the micro-benchmarks share: realistic, fixed, no I/O. */
final class BenchDefinitions {
  static final long NOW = 1_764_400_000_000L;

  private BenchDefinitions() {}

  /**
   * 100 trait rules over the signals of a shop: equality, numeric, contains, startswith,
   * matcheswords, matchesregex and boolean combinations, in rotation.
   */
  static JsonArray hundredRuleTraits() {
    String[] categories = {"shoes", "sports", "running", "books", "travel", "garden", "music"};
    JsonArray traits = new JsonArray();
    for (int i = 0; i < 100; i++) {
      String cat = categories[i % categories.length];
      String rule =
          switch (i % 8) {
            case 0 -> "c_category == \"" + cat + "\"";
            case 1 -> "c_price >= " + (i * 3);
            case 2 -> "c_category == \"" + cat + "\" AND c_price < " + (50 + i);
            case 3 -> "c_brand contains \"" + (char) ('a' + i % 26) + "\"";
            case 4 -> "c_page startswith \"/" + cat + "\"";
            case 5 -> "c_q matcheswords \"red " + cat + "\"";
            case 6 ->
                "h_user-agent matchesregex \"(?i)iphone|android\" OR c_size == " + (36 + i % 10);
            default -> "(c_color == \"red\" OR c_color == \"blue\") AND NOT c_logged == \"no\"";
          };
      traits.add(
          new JsonObject()
              .put("sid", 10_000 + i)
              .put("name", "rule " + i)
              .put("type", "rule")
              .put("rule", rule)
              .put("ttlDays", 30 + i % 90));
    }
    return traits;
  }

  /** The 100 rule traits, a direct (onboarded) one and a few segments using them. */
  static JsonObject definitions() {
    JsonArray traits = hundredRuleTraits();
    traits.add(
        new JsonObject()
            .put("sid", 3001)
            .put("name", "newsletter")
            .put("type", "onboarded")
            .put("ttlDays", 0));
    JsonArray segments =
        new JsonArray()
            .add(new JsonObject().put("id", 5001).put("name", "a").put("rule", "10000T"))
            .add(
                new JsonObject()
                    .put("id", 5002)
                    .put("name", "b")
                    .put("rule", "FREQUENCY([10000T] <= 7D) >= 2"))
            .add(
                new JsonObject()
                    .put("id", 5003)
                    .put("name", "c")
                    .put("rule", "(10001T OR 10002T) AND 3001T"))
            .add(
                new JsonObject().put("id", 5004).put("name", "d").put("rule", "10008T AND 10016T"));
    return new JsonObject()
        .put("traits", traits)
        .put("segments", segments)
        .put("destinations", new JsonArray());
  }

  /** A returning visitor's profile: 10 traits (3 with day counters) and 3 segments. */
  static Profile tenTraitsThreeSegments() {
    Profile p = new Profile();
    p.setLastSeen(NOW);
    for (int i = 0; i < 10; i++) {
      int sid = 10_000 + i * 7;
      TraitRecord t = new TraitRecord(sid, NOW - i * 3_600_000L, NOW - i * 60_000L, 1 + i, 120);
      t.realize(NOW - i * 60_000L, 120, Long.MAX_VALUE, i < 3 ? 7 : 0);
      p.traits().put(sid, t);
    }
    p.setSegments(new int[] {5001, 5002, 5003});
    return p;
  }
}
