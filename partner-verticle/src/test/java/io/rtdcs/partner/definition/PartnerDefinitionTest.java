package io.rtdcs.partner.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PartnerDefinitionTest {

  private static void rejects(String json, String message) {
    assertThatThrownBy(() -> PartnerDefinition.fromJson(new JsonObject(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void eventBusPartnerShouldNeedNoUrl() {
    PartnerDefinition d =
        PartnerDefinition.fromJson(new JsonObject("{\"dpid\":7,\"type\":\"eventbus\"}"));

    assertThat(d.type()).isEqualTo(PartnerType.EVENTBUS);
    assertThat(d.toJson().containsKey("url")).isFalse();
    assertThat(d.timeoutMs()).isEqualTo(PartnerDefinition.DEFAULT_TIMEOUT_MS);
  }

  @Test
  void anEventBusPartnerShouldCarryItsBridgeTokenAndNoOtherPartnerOne() {
    PartnerDefinition d =
        PartnerDefinition.fromJson(
            new JsonObject(
                "{\"dpid\":7,\"type\":\"eventbus\",\"bridge\":{\"token\":\"a-token-of-16-chars\"}}"));

    assertThat(d.bridgeToken()).isEqualTo("a-token-of-16-chars");
    assertThat(d.toJson().getJsonObject("bridge").getString("token"))
        .isEqualTo("a-token-of-16-chars");
    assertThat(d.toString()).doesNotContain("a-token-of-16-chars");
    rejects(
        "{\"dpid\": 1, \"url\": \"http://a/\", \"bridge\": {\"token\": \"a-token-of-16-chars\"}}",
        "bridge: only a partner of type eventbus registers on the bridge");
    rejects(
        "{\"dpid\": 1, \"type\": \"eventbus\", \"bridge\": {\"token\": \"short\"}}",
        "bridge.token: expected a token of 16 to 512 characters");
    rejects(
        "{\"dpid\": 1, \"type\": \"eventbus\", \"bridge\": {\"token\": \"with spaces in it, 16+\"}}",
        "bridge.token: must not contain spaces or control characters");
    rejects(
        "{\"dpid\": 1, \"type\": \"eventbus\", \"bridge\": {\"token\": 12}}",
        "bridge.token: must be a string");
    rejects("{\"dpid\": 1, \"type\": \"eventbus\", \"bridge\": 1}", "bridge: must be an object");
  }

  @Test
  void invalidDefinitionsShouldBeRejectedNamingTheField() {
    rejects("{}", "dpid: required");
    rejects(
        "{\"dpid\": 0, \"url\": \"http://a/\"}", "dpid: must be between 1 and 2147483647, was 0");
    rejects("{\"dpid\": 1.5}", "dpid: must be an integer");
    rejects("{\"dpid\": 1}", "url: required");
    rejects("{\"dpid\": 1, \"url\": \"ftp://a/\"}", "url: must be an absolute http(s) URL");
    rejects(
        "{\"dpid\": 1, \"url\": \"not a url\"}",
        "url: is not a valid URL (Illegal character in path)");
    rejects("{\"dpid\": 1, \"url\": \"http:///x\"}", "url: must name a host");
    rejects("{\"dpid\": 1, \"type\": \"grpc\"}", "type: must be http or eventbus");
    rejects(
        "{\"dpid\": 1, \"url\": \"http://a/\", \"method\": \"PUT\"}",
        "method: must be POST or GET");
    rejects(
        "{\"dpid\": 1, \"url\": \"http://a/\", \"timeoutMs\": 0}",
        "timeoutMs: must be between 1 and 60000, was 0");
    rejects(
        "{\"dpid\": 1, \"url\": \"http://a/\", \"enabled\": \"yes\"}",
        "enabled: must be true or false");
    rejects(
        "{\"dpid\": 1, \"url\": \"http://a/\", \"signals\": [\"c_a\", 3]}",
        "signals[1]: must be a string");
    rejects(
        "{\"dpid\": 1, \"url\": \"http://a/\", \"breaker\": {\"maxFailures\": 0}}",
        "breaker.maxFailures: must be between 1 and 10000, was 0");
    rejects("{\"dpid\": 1, \"url\": \"http://a/\", \"breaker\": 5}", "breaker: must be an object");
    rejects("{\"dpid\": 1, \"url\": \"http://a/\", \"signing\": {}}", "signing.key: required");
    rejects(
        "{\"dpid\": 1, \"url\": \"http://a/\", \"signing\": {\"key\": \"k\", \"header\": \"a b\"}}",
        "signing.header: must be a valid HTTP header name");
    rejects(
        "{\"dpid\": 1, \"url\": \"http://a/\", \"sync\": {\"url\": \"javascript:x\"}}",
        "sync.url: must be an http(s) URL");
    rejects(
        "{\"dpid\": 1, \"url\": \"http://a/\", \"sync\": {\"url\": \"https://s/\", \"redirectHosts\": [\"a/b\"]}}",
        "sync.redirectHosts[0]: must be a host name");
  }

  @Test
  void getTemplateUrlShouldBeAccepted() {
    PartnerDefinition d =
        PartnerDefinition.fromJson(
            new JsonObject(
                "{\"dpid\": 1, \"method\": \"GET\","
                    + " \"url\": \"https://p.example/l?u=${UUID}&d=${DPUUID}&t=${TMAX}\"}"));

    assertThat(d.method()).isEqualTo(PartnerDefinition.HttpMethodKind.GET);
  }

  @Property(tries = 50)
  void storedFormShouldParseBackToAnEqualDefinition(
      @ForAll @IntRange(min = 1, max = 1_000_000) int dpid,
      @ForAll @IntRange(min = 1, max = 60_000) int timeoutMs,
      @ForAll boolean requiresSync) {
    PartnerDefinition d =
        PartnerDefinition.fromJson(
            new JsonObject()
                .put("dpid", dpid)
                .put("url", "http://p.example/lookup")
                .put("timeoutMs", timeoutMs)
                .put("requiresSync", requiresSync));

    assertThat(PartnerDefinition.fromJsonString(d.toJson().encode())).isEqualTo(d);
  }
}
