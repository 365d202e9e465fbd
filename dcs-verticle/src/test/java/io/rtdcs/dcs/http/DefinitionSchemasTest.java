package io.rtdcs.dcs.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The admin bodies' schemas from openapi.json: valid definitions pass, a wrong field is named. */
class DefinitionSchemasTest {
  private final DefinitionSchemas schemas = new DefinitionSchemas();

  @Test
  void misspeltPartnerFieldShouldBeRefusedWithItsName() {
    JsonObject partner =
        new JsonObject(
            "{\"dpid\":9002,\"name\":\"P\",\"type\":\"http\",\"url\":\"http://127.0.0.1:9/x\","
                + "\"timeoutMS\":60}");

    assertThat(schemas.problem("partners", partner))
        .isEqualTo("timeoutMS: unknown field of a partner definition (see /openapi.json)");
    partner.remove("timeoutMS");
    partner.put("timeoutMs", 60);
    assertThat(schemas.problem("partners", partner)).isNull();
  }

  @Test
  void nestedUnknownFieldsAndWrongTypesShouldBeNamedWithTheirPath() {
    JsonObject destination =
        new JsonObject(
            "{\"id\":7001,\"name\":\"C\",\"type\":\"cookie\",\"cookieName\":\"c\",\"key\":\"k\","
                + "\"mappings\":[{\"segment\":5001,\"value\":\"a\",\"strat\":\"2026-01-01\"}]}");
    assertThat(schemas.problem("destinations", destination))
        .startsWith("mappings[0].strat: unknown field");

    JsonObject trait = new JsonObject("{\"sid\":1,\"name\":\"T\",\"rule\":\"c_a == 1\"}");
    assertThat(schemas.problem("traits", trait)).isNull();
    trait.put("ttlDays", "30");
    assertThat(schemas.problem("traits", trait)).startsWith("ttlDays: ");
    assertThat(schemas.problem("segments", new JsonObject("{\"id\":5,\"rule\":\"1T\"}")))
        .contains("name");
  }

  @Test
  void storedFormsWithMaskedSecretsShouldPassSoAGetCanBePutBack() {
    JsonObject partner =
        new JsonObject(
            "{\"dpid\":9001,\"name\":\"P\",\"type\":\"http\",\"enabled\":true,"
                + "\"url\":\"http://127.0.0.1:9/x\",\"method\":\"POST\",\"timeoutMs\":80,"
                + "\"signals\":[\"c_category\"],\"requiresSync\":false,\"cacheTtlSeconds\":600,"
                + "\"maxInFlight\":256,\"maxSegments\":100,\"maxBodyBytes\":65536,"
                + "\"breaker\":{\"maxFailures\":5,\"resetTimeoutMs\":5000,\"windowMs\":10000},"
                + "\"signing\":{\"algorithm\":\"HmacSHA256\",\"header\":\"X-Sig\","
                + "\"key\":\"(write-only)\"},"
                + "\"sync\":{\"url\":\"http://127.0.0.1:9/s\",\"ttlMinutes\":20160,"
                + "\"redirectHosts\":[\"127.0.0.1\"]}}");
    assertThat(schemas.problem("partners", partner)).isNull();

    JsonObject s2s =
        new JsonObject(
            "{\"id\":7003,\"name\":\"S\",\"type\":\"s2s\",\"url\":\"https://p.example/push\","
                + "\"userDpid\":20915,\"clientId\":\"\",\"maxUsersPerMessage\":10,"
                + "\"batchWindowMs\":200,\"mappings\":[{\"segment\":5001,\"value\":\"a\","
                + "\"start\":null,\"end\":null}],"
                + "\"signing\":{\"algorithm\":\"HmacSHA1\",\"header\":\"X-Signature\","
                + "\"key\":\"(write-only)\"},\"oauth\":{\"tokenUrl\":\"https://p.example/t\","
                + "\"clientId\":\"id\",\"clientSecret\":\"(write-only)\"}}");
    assertThat(schemas.problem("destinations", s2s)).isNull();
    s2s.remove("userDpid");
    assertThat(schemas.problem("destinations", s2s)).contains("userDpid");
  }

  @Test
  void aBridgePartnerShouldPassWithItsTokenOrTheMaskAndNothingElseInBridge() {
    JsonObject partner =
        new JsonObject(
            "{\"dpid\":9101,\"name\":\"Python partner\",\"type\":\"eventbus\","
                + "\"timeoutMs\":50,\"signals\":[\"c_category\"],"
                + "\"bridge\":{\"token\":\"dev-partner-token-9101\"}}");
    assertThat(schemas.problem("partners", partner)).isNull();
    partner.getJsonObject("bridge").put("token", "(write-only)"); // a get, put back
    assertThat(schemas.problem("partners", partner)).isNull();
    partner.getJsonObject("bridge").put("tokens", "x");
    assertThat(schemas.problem("partners", partner)).startsWith("bridge.tokens: unknown field");
  }
}
