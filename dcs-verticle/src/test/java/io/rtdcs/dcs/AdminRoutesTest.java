package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.Addresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admin routes: 404 without a configured token, 401 with a wrong one, forwarded otherwise. */
class AdminRoutesTest {
  static final String TOKEN = "s3cret-admin-token-for-routes-4b7e9d";
  static DcsServer secured;
  static DcsServer open;

  @BeforeAll
  static void start() {
    secured = new DcsServer(new JsonObject().put("admin.token", TOKEN));
    open = new DcsServer(new JsonObject());
  }

  @AfterAll
  static void stop() {
    secured.close();
    open.close();
  }

  @BeforeEach
  void resetStubs() {
    secured.stubs.reset();
    open.stubs.reset();
  }

  HttpResponse<Buffer> send(String method, String uri, String token, String body) {
    var request = secured.client.request(io.vertx.core.http.HttpMethod.valueOf(method), uri);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).await();
  }

  @Test
  void adminRoutesShouldNotExistWhenNoTokenIsConfigured() {
    HttpResponse<Buffer> r =
        open.client.get("/admin/partners").putHeader("Authorization", "Bearer x").send().await();

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(open.client.get("/profiles/" + ContractStubs.KNOWN_UUID).send().await().statusCode())
        .isEqualTo(404);
    assertThat(open.stubs.totalReceived()).isZero();
  }

  @Test
  void missingOrWrongTokenShouldBe401AndForwardNothing() {
    assertThat(send("GET", "/admin/partners", null, null).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> wrong = send("GET", "/admin/partners", TOKEN + "x", null);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.bodyAsJsonObject().getString("error")).contains("token");
    assertThat(send("DELETE", "/admin/traits/1", "wrong", null).statusCode()).isEqualTo(401);
    assertThat(secured.stubs.totalReceived()).isZero();
  }

  @Test
  void rightTokenShouldForwardEachOperationToTheContractAddress() {
    HttpResponse<Buffer> list = send("GET", "/admin/partners", TOKEN, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.bodyAsJsonObject()).isEqualTo(new JsonObject("{\"items\":[]}"));
    assertThat(secured.stubs.received(Addresses.ADMIN_PARTNERS).get(0))
        .isEqualTo(new JsonObject().put("op", "list"));

    send("GET", "/admin/traits/1001", TOKEN, null);
    assertThat(secured.stubs.received(Addresses.ADMIN_TRAITS).get(0))
        .isEqualTo(new JsonObject().put("op", "get").put("id", 1001));

    HttpResponse<Buffer> put =
        send(
            "PUT",
            "/admin/segments/5001",
            TOKEN,
            "{\"id\":5001,\"name\":\"S\",\"rule\":\"1001T\"}");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(secured.stubs.received(Addresses.ADMIN_SEGMENTS).get(0))
        .isEqualTo(
            new JsonObject(
                "{\"op\":\"put\",\"id\":5001,\"definition\":"
                    + "{\"id\":5001,\"name\":\"S\",\"rule\":\"1001T\"}}"));

    HttpResponse<Buffer> delete = send("DELETE", "/admin/destinations/7001", TOKEN, null);
    assertThat(delete.bodyAsJsonObject()).isEqualTo(new JsonObject().put("deleted", 7001));

    HttpResponse<Buffer> profile =
        send("GET", "/profiles/" + ContractStubs.KNOWN_UUID, TOKEN, null);
    assertThat(profile.statusCode()).isEqualTo(200);
    assertThat(secured.stubs.received(Addresses.PROFILE_GET).get(0))
        .isEqualTo(new JsonObject().put("uuid", ContractStubs.KNOWN_UUID));
  }

  @Test
  void badInputShouldBe400WithoutForwarding() {
    assertThat(send("PUT", "/admin/traits/1", TOKEN, "not json").statusCode()).isEqualTo(400);
    assertThat(send("PUT", "/admin/traits/1", TOKEN, "[1,2]").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/admin/traits/abc", TOKEN, null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/profiles/123", TOKEN, null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/admin/unknown", TOKEN, null).statusCode()).isEqualTo(404);
    assertThat(secured.stubs.totalReceived()).isZero();
  }

  @Test
  void mergeRuleRoutesShouldForwardIdsFromZeroToTheirAddress() {
    assertThat(send("GET", "/admin/merge-rules", TOKEN, null).statusCode()).isEqualTo(200);
    assertThat(secured.stubs.received(Addresses.ADMIN_MERGE_RULES).get(0))
        .isEqualTo(new JsonObject().put("op", "list"));

    HttpResponse<Buffer> put =
        send(
            "PUT",
            "/admin/merge-rules/0",
            TOKEN,
            "{\"name\":\"Device only\",\"authenticated\":\"none\",\"devices\":\"this\"}");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(secured.stubs.received(Addresses.ADMIN_MERGE_RULES).get(1))
        .isEqualTo(
            new JsonObject()
                .put("op", "put")
                .put("id", 0)
                .put(
                    "definition",
                    new JsonObject()
                        .put("name", "Device only")
                        .put("authenticated", "none")
                        .put("devices", "this")));
    assertThat(send("DELETE", "/admin/merge-rules/2", TOKEN, null).bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("deleted", 2));
    // 0 is a merge rule's id only
    assertThat(send("GET", "/admin/segments/0", TOKEN, null).statusCode()).isEqualTo(400);
  }

  @Test
  void badMergeRuleShouldBe400NamingTheFieldAndForwardNothing() {
    HttpResponse<Buffer> misspelt =
        send(
            "PUT",
            "/admin/merge-rules/1",
            TOKEN,
            "{\"name\":\"R\",\"authenticated\":\"all\",\"device\":\"this\"}");
    assertThat(misspelt.statusCode()).isEqualTo(400);
    assertThat(misspelt.bodyAsJsonObject().getString("error"))
        .startsWith("device: unknown field of a merge rule definition");
    HttpResponse<Buffer> wrongValue =
        send(
            "PUT",
            "/admin/merge-rules/1",
            TOKEN,
            "{\"name\":\"R\",\"authenticated\":\"sometimes\",\"devices\":\"this\"}");
    assertThat(wrongValue.statusCode()).isEqualTo(400);
    assertThat(wrongValue.bodyAsJsonObject().getString("error")).startsWith("authenticated: ");
    HttpResponse<Buffer> negative = send("GET", "/admin/merge-rules/-1", TOKEN, null);
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(negative.bodyAsJsonObject().getString("error"))
        .isEqualTo("id: expected 0 or a positive integer");
    assertThat(secured.stubs.totalReceived()).isZero();
  }

  @Test
  void misspeltDefinitionFieldShouldBe400NamingItAndForwardNothing() {
    HttpResponse<Buffer> r =
        send(
            "PUT",
            "/admin/partners/9002",
            TOKEN,
            "{\"name\":\"P\",\"type\":\"http\",\"url\":\"http://127.0.0.1:9/x\","
                + "\"timeoutMS\":60}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("error")).startsWith("timeoutMS: unknown field");
    assertThat(secured.stubs.totalReceived()).isZero();
  }

  @Test
  void openApiDocumentShouldBeServedWithoutTokenOnThePublicPortWithoutAdminListener() {
    HttpResponse<Buffer> r = open.client.get("/openapi.json").send().await();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(r.bodyAsJsonObject().getString("openapi")).isEqualTo("3.1.0");
  }

  @Test
  void failureRepliesShouldMapToHttpStatusAndErrorBody() {
    secured.stubs.fail(Addresses.ADMIN_TRAITS, 409);
    HttpResponse<Buffer> conflict = send("DELETE", "/admin/traits/1001", TOKEN, null);
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.bodyAsJsonObject().getString("error")).isEqualTo("stub failure 409");

    secured.stubs.fail(Addresses.PROFILE_GET, 404);
    assertThat(send("GET", "/profiles/" + ContractStubs.KNOWN_UUID, TOKEN, null).statusCode())
        .isEqualTo(404);

    secured.stubs.fail(Addresses.ADMIN_PARTNERS, 418);
    assertThat(send("GET", "/admin/partners", TOKEN, null).statusCode()).isEqualTo(500);
  }
}
