package io.rtdcs.dcs.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The node's OpenAPI 3.1 document ({@value #RESOURCE}): the single source of the HTTP API's
 * contract, served at {@value #PATH} and read by {@link DefinitionSchemas} for the admin API's body
 * schemas. It holds no secret, so reading it needs no token.
 */
public final class ApiDocument {
  public static final String PATH = "/openapi.json";
  public static final String RESOURCE = "io/rtdcs/dcs/openapi.json";

  private static final Buffer BYTES = load();

  private ApiDocument() {}

  /** The document as served (a fresh copy: callers may change it). */
  public static JsonObject json() {
    return new JsonObject(BYTES.copy());
  }

  /** {@code GET /openapi.json}. */
  public static void mount(Router router) {
    router
        .get(PATH)
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .end(BYTES));
  }

  private static Buffer load() {
    try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the jar");
      }
      Buffer bytes = Buffer.buffer(in.readAllBytes());
      new JsonObject(bytes.copy()); // fails the class (and the start) on a broken document
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
