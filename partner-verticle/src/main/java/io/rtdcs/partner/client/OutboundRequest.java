package io.rtdcs.partner.client;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request to a partner before it is sent: what signing sees ({@code pathAndQuery} for GET,
 * the body bytes for POST) and what the requester sends.
 */
public record OutboundRequest(
    HttpMethod method,
    String absoluteUri,
    String pathAndQuery,
    Map<String, String> headers,
    Buffer body) {

  public OutboundRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(absoluteUri, "absoluteUri");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    headers = Map.copyOf(headers);
  }

  /** A copy with one more header. */
  public OutboundRequest withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new OutboundRequest(method, absoluteUri, pathAndQuery, copy, body);
  }
}
