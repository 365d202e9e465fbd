package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtdcs.dcs.http.ApiDocument;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle of {@link OpenApiConformanceTest} can fail: answers that break openapi.json (a field
 * not in the schema, a wrong value, an undocumented status, content type or header value, a route
 * the document lacks) are refused, from a real HTTP server on loopback.
 */
class ApiContractTest {
  private static Vertx vertx;
  private static HttpServer server;
  private static WebClient web;
  private static ApiContract contract;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  var res = req.response();
                  String q = req.query() == null ? "" : req.query();
                  switch (q) {
                    case "extra-field" ->
                        res.putHeader("Content-Type", "application/json")
                            .end("{\"dcs_region\":7,\"tid\":\"abcdefghijkl\",\"secret\":1}");
                    case "bad-value" ->
                        res.putHeader("Content-Type", "application/json")
                            .end("{\"status\":\"MAYBE\"}");
                    case "bad-header" ->
                        res.putHeader("Content-Type", "image/gif")
                            .putHeader("X-Error", "oops")
                            .end(Buffer.buffer("GIF89a"));
                    case "bad-type" ->
                        res.putHeader("Content-Type", "text/html").end("<html></html>");
                    case "bad-status" -> res.setStatusCode(418).end();
                    default ->
                        res.putHeader("Content-Type", "application/json")
                            .end("{\"dcs_region\":7,\"tid\":\"abcdefghijkl\"}");
                  }
                })
            .listen(0, "127.0.0.1")
            .await();
    web = WebClient.create(vertx);
    contract = new ApiContract(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void answersThatBreakTheDocumentShouldBeRefused() {
    assertThat(check("/event", "ok")).isNull();
    assertThat(check("/event", "extra-field")).contains("getEvent").contains("secret");
    assertThat(check("/health/live", "bad-value")).contains("healthLive");
    assertThat(check("/event", "bad-header")).containsIgnoringCase("x-error");
    assertThat(check("/event", "bad-type")).contains("text/html");
    assertThat(check("/event", "bad-status")).contains("418");
    assertThatThrownBy(() -> contract.check(HttpMethod.GET, "/nowhere", get("/nowhere", "ok")))
        .hasMessageContaining("no documented operation");
  }

  @Test
  void theDocumentAsServedShouldBeValidOpenApi31() {
    JsonObject document = ApiDocument.json();
    OpenAPIVersion version = OpenAPIVersion.fromContract(document);
    SchemaRepository repository = version.getRepository(vertx, "app://").await();

    OutputUnit result = version.validateContract(vertx, repository, document).await();

    assertThat(version).isEqualTo(OpenAPIVersion.V3_1);
    assertThat(result.getValid()).as(String.valueOf(result.getErrors())).isTrue();
    assertThat(contract.operationIds()).hasSize(31);
  }

  /** The oracle's complaint, or null when the answer fits the document. */
  private static String check(String path, String query) {
    try {
      contract.check(HttpMethod.GET, path + "?" + query, get(path, query));
      return null;
    } catch (AssertionError e) {
      return e.getMessage();
    }
  }

  private static HttpResponse<Buffer> get(String path, String query) {
    return web.get(server.actualPort(), "127.0.0.1", path + "?" + query).send().await();
  }
}
