package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MetricsOptionsTest {

  @Test
  void metricsShouldBeOnWithEveryVertxDomainByDefault() {
    NodeOptions options = new NodeOptions(new JsonObject());
    assertThat(options.isMetricsEnabled()).isTrue();
    assertThat(options.getMetricsDisabledDomains()).isEmpty();
    assertThat(options.isMetricsPerDefinition()).as("per-trait and per-segment series").isFalse();
  }

  @Test
  void perDefinitionShouldBeReadFromConfigAndKeptByToJson() {
    NodeOptions on =
        new NodeOptions(
            new JsonObject().put("metrics", new JsonObject().put("perDefinition", true)));
    assertThat(on.isMetricsPerDefinition()).isTrue();
    // a quoted boolean is a wrong type, named (environment variables and -D properties are typed)
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject().put("metrics", new JsonObject().put("perDefinition", "true"))))
        .hasMessage("metrics.perDefinition: expected true or false, was true");
    assertThat(new NodeOptions(on.toJson()).isMetricsPerDefinition()).isTrue();
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject().put("metrics", new JsonObject().put("perDefinition", "yes"))))
        .hasMessageStartingWith("metrics.perDefinition: expected true or false");
  }

  @Test
  void disabledDomainsShouldComeFromAListOrACommaSeparatedString() {
    NodeOptions fromList =
        new NodeOptions(
            new JsonObject()
                .put(
                    "metrics",
                    new JsonObject()
                        .put("enabled", true)
                        .put("disabledDomains", new JsonArray().add("EVENT_BUS"))));
    assertThat(fromList.getMetricsDisabledDomains()).containsExactly("EVENT_BUS");
    NodeOptions fromEnv =
        new NodeOptions(
            new JsonObject()
                .put("metrics", new JsonObject().put("disabledDomains", "EVENT_BUS, HTTP_CLIENT")));
    assertThat(fromEnv.getMetricsDisabledDomains()).containsExactly("EVENT_BUS", "HTTP_CLIENT");
    assertThat(new NodeOptions(fromEnv.toJson()).getMetricsDisabledDomains())
        .containsExactly("EVENT_BUS", "HTTP_CLIENT");
  }

  @Test
  void unknownDomainOrNonBooleanShouldBeRefusedWithTheKey() {
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject()
                        .put("metrics", new JsonObject().put("disabledDomains", "eventbus"))))
        .hasMessageStartingWith("metrics.disabledDomains: expected names among");
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject().put("metrics", new JsonObject().put("enabled", 1))))
        .hasMessageStartingWith("metrics.enabled: expected true or false");
  }
}
