package io.rtdcs.contract;

/**
 * An expected failure of one request, with the contract's HTTP-like code and a text that names the
 * field: {@code 400 "sid: must be a positive integer"}.
 */
public final class RequestException extends RuntimeException {
  private final int code;

  public RequestException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public static RequestException badRequest(String field, String reason) {
    return new RequestException(400, field + ": " + reason);
  }

  public static RequestException notFound(String field, String reason) {
    return new RequestException(404, field + ": " + reason);
  }

  public static RequestException conflict(String field, String reason) {
    return new RequestException(409, field + ": " + reason);
  }

  public int code() {
    return code;
  }
}
