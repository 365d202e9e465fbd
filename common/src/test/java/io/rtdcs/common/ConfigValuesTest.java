package io.rtdcs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

  @Test
  void keysTheReadersAskedForShouldPassInEitherForm() {
    JsonObject config =
        new JsonObject(
            """
            {"budgetMs": 150, "limits.burst": 5, "admission": {"enabled": false},
             "limits": {"denyList": {"seconds": 60}}}
            """);
    ConfigValues c = new ConfigValues(config);
    assertThat(c.longIn("budgetMs", 1, 1, 1000)).isEqualTo(150);
    assertThat(c.longIn("limits.burst", 1, 1, 1000)).isEqualTo(5);
    assertThat(c.bool("admission.enabled", true)).isFalse();
    assertThat(c.longIn("limits.denyList.seconds", 1, 1, 1000)).isEqualTo(60);
    c.longIn("limits.ratePerSecond", 20, 1, 1000); // absent: the default, and a known key

    c.rejectUnknown("dcs");
  }

  @Test
  void aTypoShouldBeRefusedWithItsNameAndTheNearestKey() {
    ConfigValues c =
        new ConfigValues(new JsonObject().put("budgetMS", 100).put("admission.enabeld", false));
    c.longIn("budgetMs", 150, 1, 1000);
    c.bool("admission.enabled", true);

    assertThatThrownBy(() -> c.rejectUnknown("dcs"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dcs.budgetMS: unknown key (did you mean dcs.budgetMs?)")
        .hasMessageContaining(
            "dcs.admission.enabeld: unknown key (did you mean dcs.admission.enabled?)");
  }

  @Test
  void anUnknownKeyInsideANestedSectionShouldBeNamedByItsFullPath() {
    ConfigValues c =
        new ConfigValues(new JsonObject().put("limits", new JsonObject().put("rate", 5)));
    c.longIn("limits.ratePerSecond", 20, 1, 1000);

    assertThatThrownBy(() -> c.rejectUnknown("dcs"))
        .hasMessageStartingWith("dcs.limits.rate: unknown key");
  }

  @Test
  void aSectionReadElsewhereShouldBeAllowedWhole() {
    ConfigValues c =
        new ConfigValues(
            new JsonObject()
                .put("store", new JsonObject().put("anything", 1))
                .put("http", new JsonObject().put("port", 1)));
    c.allow("store", "http.port");

    c.rejectUnknown("");
  }

  @Test
  void aKeyFarFromEveryKnownOneShouldGetNoSuggestion() {
    ConfigValues c = new ConfigValues(new JsonObject().put("zzzzzzzz", 1));
    c.longIn("budgetMs", 150, 1, 1000);

    assertThatThrownBy(() -> c.rejectUnknown("dcs")).hasMessage("dcs.zzzzzzzz: unknown key");
  }

  @Test
  void aNamedSectionShouldGiveTheFullKeyInEveryMessage() {
    ConfigValues store = new ConfigValues(new JsonObject().put("poolSize", "ten"), "store");
    assertThatThrownBy(() -> store.integer("poolSize", 8))
        .hasMessage("store.poolSize: expected an integer, was ten");
    ConfigValues bus = new ConfigValues(new JsonObject().put("port", 1.5), "cluster.eventBus");
    assertThatThrownBy(() -> bus.longValue("port", 0))
        .hasMessage("cluster.eventBus.port: expected an integer, was 1.5");
    assertThatThrownBy(
            () -> new ConfigValues(new JsonObject().put("rate", "half"), "demo").decimal("rate", 0))
        .hasMessage("demo.rate: expected a number, was half");
  }

  @Test
  void numbersListsAndDefaultsShouldReadAsTyped() {
    ConfigValues c =
        new ConfigValues(
            new JsonObject()
                .put("rate", 0.25)
                .put("big", 5_000_000_000L)
                .put("origins", new io.vertx.core.json.JsonArray().add("https://a.example"))
                .put("csv", "a, b,,c"));
    assertThat(c.decimal("rate", 0)).isEqualTo(0.25);
    assertThat(c.decimal("absent", 0.5)).isEqualTo(0.5);
    assertThat(c.longValue("big", 0)).isEqualTo(5_000_000_000L);
    assertThat(c.stringArray("origins")).containsExactly("https://a.example");
    assertThat(c.stringArray("absent")).isEmpty();
    // one string of comma-separated values is a list (an environment variable) where strings()
    // reads
    assertThat(c.strings("csv")).containsExactly("a", "b", "c");
    // but not where a JSON array is required
    assertThatThrownBy(() -> c.stringArray("csv"))
        .hasMessage("csv: expected a list of strings, was a, b,,c");
  }
}
