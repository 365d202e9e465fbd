package io.rtdcs.node;

import io.rtdcs.dcs.http.ApiDocument;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The node's {@code openapi.json} as a test oracle: finds the documented operation of a request
 * (method and path), validates the answer against it with Vert.x's OpenAPI validator ({@code
 * vertx-openapi}: status, documented headers, JSON body against its schema) and records that the
 * operation was exercised.
 *
 * <p>vertx-openapi 5.0 reads a subset of OpenAPI 3.1: JSON, text, octet-stream and multipart media
 * types only, and path templates only as whole segments. So the validator reads two views of the
 * document that differ from it only there: in {@code bodies} every non-JSON media type is left out
 * (and {@code /ibs:{sync}} is spelt {@code /ibs:/{sync}}; operations are found by their id, never
 * by that path); in {@code headers} every media type is left out. A JSON answer is validated by the
 * first, any other by the second (status and headers), and its body against the document's schema
 * for its media type by the same JSON Schema validator, plus a GIF's magic bytes.
 */
final class ApiContract {
  private final JsonObject document = ApiDocument.json();
  private final ResponseValidator bodies;
  private final ResponseValidator headers;
  private final OpenAPIContract contract;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Integer> exercised = new LinkedHashMap<>();

  private record Route(Pattern path, String template, HttpMethod method, String operationId) {}

  ApiContract(Vertx vertx) {
    contract = OpenAPIContract.from(vertx, view(true)).await();
    bodies = ResponseValidator.create(vertx, contract);
    headers = ResponseValidator.create(vertx, OpenAPIContract.from(vertx, view(false)).await());
    JsonObject paths = document.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject op && op.containsKey("operationId")) {
          routes.add(
              new Route(
                  pathPattern(template),
                  template,
                  HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)),
                  op.getString("operationId")));
        }
      }
    }
    // literal paths before templated ones (/profiles before /profiles/{uuid})
    routes.sort((a, b) -> Boolean.compare(a.template.contains("{"), b.template.contains("{")));
  }

  /** Every documented operation id. */
  TreeSet<String> operationIds() {
    TreeSet<String> ids = new TreeSet<>();
    routes.forEach(r -> ids.add(r.operationId));
    return ids;
  }

  Map<String, Integer> exercised() {
    return exercised;
  }

  /** Whether {@code template}'s operations are on the admin listener when there is one. */
  boolean onAdminListener(String template) {
    return "admin"
        .equals(
            document.getJsonObject("paths").getJsonObject(template).getString("x-rtdcs-listener"));
  }

  String template(HttpMethod method, String uri) {
    return route(method, uri).template;
  }

  /**
   * Validates the answer to {@code method uri} against its documented operation; throws an {@link
   * AssertionError} that names the operation and what does not match.
   */
  void check(HttpMethod method, String uri, HttpResponse<Buffer> response) {
    Route route = route(method, uri);
    String id = route.operationId;
    exercised.merge(id, 1, Integer::sum);
    String what = method + " " + uri + " (" + id + ") answered " + response.statusCode();
    JsonObject documented = documentedResponse(route, response.statusCode());
    if (documented == null) {
      throw new AssertionError(what + ": status not documented");
    }
    JsonObject content = documented.getJsonObject("content", new JsonObject());
    Buffer body = response.body() == null ? Buffer.buffer() : response.body();
    Map<String, String> headerMap = new HashMap<>();
    response.headers().forEach(h -> headerMap.putIfAbsent(h.getKey(), h.getValue()));
    String mediaType = null;
    if (content.isEmpty()) {
      if (body.length() > 0) {
        throw new AssertionError(what + ": documented without a body, has " + body.length());
      }
    } else {
      String given = response.getHeader("Content-Type");
      String base = given == null ? "" : given.split(";")[0].trim().toLowerCase(Locale.ROOT);
      for (String key : content.fieldNames()) {
        if (key.toLowerCase(Locale.ROOT).equals(base)) {
          mediaType = key;
        }
      }
      if (mediaType == null) {
        throw new AssertionError(
            what + ": Content-Type " + given + " not in " + content.fieldNames());
      }
    }
    try {
      if (mediaType != null && isJson(mediaType)) {
        bodies
            .validate(
                ValidatableResponse.create(response.statusCode(), headerMap, body, mediaType), id)
            .await();
      } else {
        headers.validate(ValidatableResponse.create(response.statusCode(), headerMap), id).await();
        if (mediaType != null) {
          checkOtherBody(what, mediaType, content.getJsonObject(mediaType), body);
        }
      }
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": " + e.getMessage() + "\n" + snippet(body), e);
    }
  }

  private void checkOtherBody(String what, String mediaType, JsonObject media, Buffer body) {
    if (body.length() == 0) {
      throw new AssertionError(what + ": empty " + mediaType + " body");
    }
    if (mediaType.startsWith("image/gif") && !body.getString(0, 4, "ISO-8859-1").equals("GIF8")) {
      throw new AssertionError(what + ": not a GIF");
    }
    JsonObject schema = media.getJsonObject("schema");
    if (schema != null) {
      OutputUnit result =
          contract
              .getSchemaRepository()
              .validator(JsonSchema.of(schema))
              .validate(body.toString(StandardCharsets.ISO_8859_1));
      if (!Boolean.TRUE.equals(result.getValid())) {
        throw new AssertionError(what + ": " + mediaType + " body: " + result.getErrors());
      }
    }
  }

  private JsonObject documentedResponse(Route route, int status) {
    JsonObject op =
        document
            .getJsonObject("paths")
            .getJsonObject(route.template)
            .getJsonObject(route.method.name().toLowerCase(Locale.ROOT));
    JsonObject responses = op.getJsonObject("responses");
    Object r = responses.getValue(Integer.toString(status), responses.getValue("default"));
    return r == null ? null : resolve((JsonObject) r);
  }

  private JsonObject resolve(JsonObject maybeRef) {
    String ref = maybeRef.getString("$ref");
    if (ref == null) {
      return maybeRef;
    }
    JsonObject at = document;
    for (String part : ref.substring(2).split("/")) {
      at = at.getJsonObject(part);
    }
    return at;
  }

  private Route route(HttpMethod method, String uri) {
    String path = uri.split("\\?", 2)[0];
    for (Route r : routes) {
      if (r.method.equals(method) && r.path.matcher(path).matches()) {
        return r;
      }
    }
    throw new AssertionError(method + " " + path + ": no documented operation");
  }

  /** The document as vertx-openapi 5.0 reads it (see the class comment). */
  private JsonObject view(boolean keepJson) {
    JsonObject view = document.copy();
    JsonObject paths = view.getJsonObject("paths");
    JsonObject renamed = new JsonObject();
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject op && op.containsKey("responses")) {
          op.remove("requestBody"); // answers are validated here, not requests
          JsonObject responses = op.getJsonObject("responses");
          for (String status : responses.fieldNames()) {
            JsonObject r = responses.getJsonObject(status);
            if (r.containsKey("$ref")) {
              r = resolve(r).copy();
              responses.put(status, r);
            }
            narrow(r, keepJson);
          }
        }
      }
      renamed.put(template.replaceAll("([^/])\\{", "$1/{"), item);
    }
    view.put("paths", renamed);
    view.getJsonObject("components").remove("responses");
    return view;
  }

  /** Keeps only JSON media types (or none), and spells header names in lower case. */
  private static void narrow(JsonObject response, boolean keepJson) {
    JsonObject content = response.getJsonObject("content");
    if (content != null) {
      for (String type : new ArrayList<>(content.fieldNames())) {
        if (!keepJson || !isJson(type)) {
          content.remove(type);
        }
      }
      if (content.isEmpty()) {
        response.remove("content");
      }
    }
    JsonObject headers = response.getJsonObject("headers");
    if (headers != null) {
      JsonObject lower = new JsonObject();
      headers.forEach(h -> lower.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
      response.put("headers", lower);
    }
  }

  private static boolean isJson(String mediaType) {
    String t = mediaType.toLowerCase(Locale.ROOT);
    return t.equals("application/json") || t.endsWith("+json");
  }

  private static Pattern pathPattern(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  private static String snippet(Buffer body) {
    String s = body.toString(StandardCharsets.UTF_8);
    return s.length() > 600 ? s.substring(0, 600) + "..." : s;
  }
}
