package io.rtdcs.partner.definition;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** HMAC request signing of one partner ({@code signing} in the definition), AAM style. */
public record SigningSettings(String algorithm, String header, String key) {
  public static final String DEFAULT_ALGORITHM = "HmacSHA1";
  public static final String DEFAULT_HEADER = "X-Signature";
  public static final List<String> ALGORITHMS = List.of("HmacSHA1", "HmacSHA256", "HmacMD5");

  static SigningSettings fromJson(JsonObject json, String field) {
    if (json == null) {
      return null;
    }
    JsonFields f = new JsonFields(json, field);
    String algorithm = f.string("algorithm", DEFAULT_ALGORITHM);
    if (!ALGORITHMS.contains(algorithm)) {
      throw JsonFields.invalid(f.field("algorithm"), "must be one of " + ALGORITHMS);
    }
    String header = f.nonBlank("header", DEFAULT_HEADER);
    if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
      throw JsonFields.invalid(f.field("header"), "must be a valid HTTP header name");
    }
    String key = f.string("key", null);
    if (key.isEmpty()) {
      throw JsonFields.invalid(f.field("key"), "must not be empty");
    }
    return new SigningSettings(algorithm, header, key);
  }

  public JsonObject toJson() {
    return new JsonObject().put("algorithm", algorithm).put("header", header).put("key", key);
  }
}
