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
}
