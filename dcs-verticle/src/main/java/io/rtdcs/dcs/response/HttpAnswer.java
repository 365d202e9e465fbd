package io.rtdcs.dcs.response;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Objects;

/**
 * What one HTTP answer carries, built without a Vertx instance: status, content type, body, the
 * {@code X-Error} codes, the uuid to put in the visitor cookie (null = no cookie) and an optional
 * redirect location.
 */
public record HttpAnswer(
    int status,
    String contentType,
    Buffer body,
    List<Integer> errorCodes,
    String cookieUuid,
    String location) {

  public HttpAnswer {
    Objects.requireNonNull(body, "body");
    errorCodes = List.copyOf(errorCodes);
  }

  /** The {@code X-Error} header value, or null when there is no error. */
  public String errorHeader() {
    if (errorCodes.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int code : errorCodes) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(code);
    }
    return sb.toString();
  }
}
