package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DcsOptionsTest {

  @Test
  void emptyConfigShouldGiveTheDocumentedDefaults() {
    DcsOptions o = new DcsOptions(new JsonObject());

    assertThat(o.getHttpPort()).isEqualTo(8080);
    assertThat(o.getHttpHost()).isEqualTo("0.0.0.0");
    assertThat(o.getBudgetMs()).isEqualTo(150);
    assertThat(o.getStoreReserveMs()).isEqualTo(40);
    assertThat(o.getRegion()).isEqualTo(7);
    assertThat(o.getCookieName()).isEqualTo("demdex");
    assertThat(o.getCookieDomain()).isNull();
    assertThat(o.getCookieMaxAgeDays()).isEqualTo(180);
    assertThat(o.getMaxKeys()).isEqualTo(200);
    assertThat(o.getMaxGetBytes()).isEqualTo(8192);
    assertThat(o.getMaxPostBytes()).isEqualTo(32768);
    assertThat(o.getCorsOrigins()).isEmpty();
    assertThat(o.getAdminToken()).isNull();
    assertThat(o.isLocalSegment()).isFalse();
    assertThat(o.isLocalPartner()).isFalse();
    assertThat(o.isDebug()).isFalse();
  }

  @Test
  void dottedAndNestedKeysShouldBothBeReadAndSurviveARoundTrip() {
    DcsOptions o =
        new DcsOptions(
            new JsonObject()
                .put("http", new JsonObject().put("port", 9090))
                .put("cookie.name", "uid")
                .put("budgetMs", 30)
                .put("storeReserveMs", 10)
                .put("cors.origins", new JsonArray().add("https://a.example:8443")));

    assertThat(o.getHttpPort()).isEqualTo(9090);
    assertThat(o.getCookieName()).isEqualTo("uid");
    assertThat(o.getBudgetMs()).isEqualTo(30);
    assertThat(o.getStepsBudgetMs()).isEqualTo(30 - DcsOptions.DEFAULT_ANSWER_RESERVE_MS);
    assertThat(new DcsOptions(o.toJson()).toJson()).isEqualTo(o.toJson());
    assertThat(new DcsOptions(o).getCorsOrigins()).containsExactly("https://a.example:8443");
  }

  @Test
  void invalidValuesShouldFailNamingTheKey() {
    assertInvalid(new JsonObject().put("http.port", 70000), "http.port");
    assertInvalid(new JsonObject().put("http.port", "80"), "http.port");
    assertInvalid(new JsonObject().put("budgetMs", 0), "budgetMs");
    assertInvalid(new JsonObject().put("storeReserveMs", 150), "storeReserveMs");
    assertInvalid(
        new JsonObject().put("storeReserveMs", 140).put("answerReserveMs", 10), "answerReserveMs");
    assertInvalid(new JsonObject().put("cookie.name", "a b"), "cookie.name");
    assertInvalid(new JsonObject().put("cookie.domain", "a;b"), "cookie.domain");
    assertInvalid(new JsonObject().put("maxKeys", 0), "maxKeys");
    assertInvalid(new JsonObject().put("maxGetBytes", 10), "maxGetBytes");
    assertInvalid(new JsonObject().put("maxPostBytes", -1), "maxPostBytes");
    assertInvalid(new JsonObject().put("cors.origins", new JsonArray().add("*")), "cors.origins");
    assertInvalid(new JsonObject().put("cors.origins", "https://a.example"), "cors.origins");
    assertInvalid(new JsonObject().put("admin.token", "short"), "admin.token");
    assertInvalid(new JsonObject().put("debug", "yes"), "debug");
    assertInvalid(new JsonObject().put("region", 1.5), "region");
  }

  private static void assertInvalid(JsonObject config, String key) {
    assertThatThrownBy(() -> new DcsOptions(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(key + ": ");
  }
}
