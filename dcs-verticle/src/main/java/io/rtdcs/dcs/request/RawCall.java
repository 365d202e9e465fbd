package io.rtdcs.dcs.request;

import java.util.Map;
import java.util.Objects;

/**
 * One HTTP call as the parser needs it, independent of Vert.x.
 *
 * @param method {@code GET} or {@code POST}
 * @param uri path and query as on the wire (one char per byte)
 * @param body the POST body, or null
 * @param contentType the Content-Type header, or null
 * @param headers lower-case header name -> value; only the ones the parser reads are needed ({@code
 *     user-agent}, {@code referer}, {@code accept-language}, {@code host}, {@code
 *     x-forwarded-proto})
 * @param cookie the visitor cookie's value, or null
 * @param scheme {@code http} or {@code https}, as the server received the call
 */
public record RawCall(
    String method,
    String uri,
    byte[] body,
    String contentType,
    Map<String, String> headers,
    String cookie,
    String scheme) {

  public RawCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = headers == null ? Map.of() : headers;
    scheme = scheme == null ? "http" : scheme;
  }

  public static RawCall get(String uri) {
    return new RawCall("GET", uri, null, null, Map.of(), null, "http");
  }
}
