package io.rtdcs.segment.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.DestinationDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationRendererTest {
  private static final long NOW = Instant.parse("2026-06-15T10:00:00Z").toEpochMilli();
  private final DestinationRenderer renderer = new DestinationRenderer();

  private static Definitions with(JsonObject... destinations) {
    Map<Integer, DestinationDefinition> map = new java.util.HashMap<>();
    for (JsonObject d : destinations) {
      DestinationDefinition def = DestinationDefinition.fromJson(d);
      map.put(def.id(), def);
    }
    return new Definitions(Map.of(), Map.of(), map, Map.of(), 1);
  }

  private static JsonArray mappings(Object... segmentValue) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < segmentValue.length; i += 2) {
      a.add(new JsonObject().put("segment", segmentValue[i]).put("value", segmentValue[i + 1]));
    }
    return a;
  }

  private static JsonObject cookie(String format, int maxSize, JsonArray mappings) {
    return new JsonObject()
        .put("id", 7001)
        .put("type", "cookie")
        .put("name", "c")
        .put("cookieName", "aam_tnt")
        .put("format", format)
        .put("key", "segs")
        .put("valueSeparator", "|")
        .put("domain", ".example.com")
        .put("maxSize", maxSize)
        .put("mappings", mappings);
  }

  @Test
  void keyValueCookieShouldJoinEncodedValuesOfCurrentSegmentsAfterTheKey() {
    Definitions defs = with(cookie("key_value", 2048, mappings(1, "a b", 2, "x&y", 3, "not-in")));

    JsonArray stuff = renderer.stuff(defs, new int[] {1, 2}, NOW);

    assertThat(stuff)
        .containsExactly(
            new JsonObject()
                .put("cn", "aam_tnt")
                .put("cv", "segs=a%20b|x%26y")
                .put("ttl", 30)
                .put("dmn", ".example.com"));
  }

  @Test
  void singleKeyCookieShouldCarryOnlyTheValues() {
    Definitions defs = with(cookie("single_key", 2048, mappings(1, "a", 2, "b")));
    assertThat(renderer.stuff(defs, new int[] {1, 2}, NOW).getJsonObject(0).getString("cv"))
        .isEqualTo("a|b");
  }

  @Test
  void maxSizeShouldCutAtWholeValues() {
    Definitions defs = with(cookie("key_value", 12, mappings(1, "aaa", 2, "bbb", 3, "ccc")));
    // "segs=aaa|bbb" is 12 characters; "|ccc" would exceed
    assertThat(renderer.stuff(defs, new int[] {1, 2, 3}, NOW).getJsonObject(0).getString("cv"))
        .isEqualTo("segs=aaa|bbb");
    Definitions tiny = with(cookie("key_value", 6, mappings(1, "aaa")));
    assertThat(renderer.stuff(tiny, new int[] {1}, NOW)).isEmpty();
  }

  @Test
  void mappingsShouldHonourInclusiveUtcStartAndEndDates() {
    JsonArray m =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("segment", 1)
                    .put("value", "starts-today")
                    .put("start", "2026-06-15"))
            .add(
                new JsonObject()
                    .put("segment", 1)
                    .put("value", "ends-today")
                    .put("end", "2026-06-15"))
            .add(
                new JsonObject()
                    .put("segment", 1)
                    .put("value", "future")
                    .put("start", "2026-06-16"))
            .add(new JsonObject().put("segment", 1).put("value", "past").put("end", "2026-06-14"));
    Definitions defs = with(cookie("single_key", 2048, m));
    assertThat(renderer.stuff(defs, new int[] {1}, NOW).getJsonObject(0).getString("cv"))
        .isEqualTo("starts-today|ends-today");
    long lastMsOfDay = Instant.parse("2026-06-15T23:59:59.999Z").toEpochMilli();
    assertThat(renderer.stuff(defs, new int[] {1}, lastMsOfDay).getJsonObject(0).getString("cv"))
        .isEqualTo("starts-today|ends-today");
    long nextDay = lastMsOfDay + 1;
    assertThat(renderer.stuff(defs, new int[] {1}, nextDay).getJsonObject(0).getString("cv"))
        .isEqualTo("starts-today|future");
  }

  @Test
  void urlDestinationShouldExpandEveryMacro() {
    JsonObject url =
        new JsonObject()
            .put("id", 7002)
            .put("type", "url")
            .put("name", "dsp")
            .put("tag", "img")
            .put("delimiter", ";")
            .put(
                "url",
                "%HTTP_PROTO%://dsp.example/px?s=%ALIAS%&u=%DID%&p=%DPID_9001%&q=%dpid_42%&t=%TIMESTAMP%&r=%RND%")
            .put("secureUrl", "https://dsp.example/px?s=%alias%")
            .put("mappings", mappings(1, "s 1", 2, "s2"));
    Definitions defs = with(url);

    JsonArray dests =
        renderer.dests(defs, new int[] {1, 2}, "123", Map.of(9001, "p/1"), "http", NOW);

    JsonObject d = dests.getJsonObject(0);
    assertThat(d.getInteger("id")).isEqualTo(7002);
    assertThat(d.getString("y")).isEqualTo("img");
    assertThat(d.getString("c"))
        .matches("http://dsp\\.example/px\\?s=s%201;s2&u=123&p=p%2F1&q=&t=" + NOW + "&r=[0-9]+");
    assertThat(d.getString("e")).isEqualTo("https://dsp.example/px?s=s%201;s2");
    assertThat(renderer.dests(defs, new int[] {3}, "123", Map.of(), "https", NOW)).isEmpty();
  }

  @Test
  void destinationsWithoutActiveSegmentsShouldProduceNothing() {
    Definitions defs = with(cookie("key_value", 2048, mappings(1, "a")));
    assertThat(renderer.stuff(defs, new int[] {}, NOW)).isEmpty();
  }
}
