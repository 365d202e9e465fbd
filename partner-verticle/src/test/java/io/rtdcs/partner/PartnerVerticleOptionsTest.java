package io.rtdcs.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PartnerVerticleOptionsTest {

  @Test
  void poolSizeShouldBeReadDottedOrNested() {
    assertThat(
            new PartnerVerticleOptions(new JsonObject().put("http.maxPoolSize", 32))
                .getMaxPoolSize())
        .isEqualTo(32);
    assertThat(
            new PartnerVerticleOptions(
                    new JsonObject().put("http", new JsonObject().put("maxPoolSize", 16)))
                .getMaxPoolSize())
        .isEqualTo(16);
    assertThat(new PartnerVerticleOptions(new JsonObject()).getMaxPoolSize())
        .isEqualTo(PartnerVerticleOptions.DEFAULT_MAX_POOL_SIZE);
  }

  @Test
  void aWrongTypeShouldNameTheKey() {
    assertThatThrownBy(
            () ->
                new PartnerVerticleOptions(
                    new JsonObject().put("http", new JsonObject().put("maxPoolSize", "many"))))
        .hasMessageStartingWith("http.maxPoolSize:");
  }

  @Test
  void theWarmupShouldDefaultToTheSettingsAndBeCappedOrTurnedOff() {
    PartnerVerticleOptions defaults = new PartnerVerticleOptions(new JsonObject());
    assertThat(defaults.isWarmupEnabled()).isTrue();
    assertThat(defaults.warmupSettings()).isEqualTo(PartnerWarmupSettings.DEFAULT);
    PartnerVerticleOptions capped =
        new PartnerVerticleOptions(
            new JsonObject().put("warmup", new JsonObject().put("maxSeconds", 1)));
    assertThat(capped.warmupSettings().maxDurationMs()).isEqualTo(1_000);
    assertThat(
            new PartnerVerticleOptions(new JsonObject().put("warmup.enabled", false))
                .isWarmupEnabled())
        .isFalse();
    assertThatThrownBy(
            () -> new PartnerVerticleOptions(new JsonObject().put("warmup.maxSeconds", 0)))
        .hasMessageStartingWith("warmup.maxSeconds:");
    assertThatThrownBy(
            () -> new PartnerVerticleOptions(new JsonObject().put("warmup.enabled", "no")))
        .hasMessageStartingWith("warmup.enabled:");
  }
}
