package io.rtdcs.segment.definitions;

import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;

/**
 * The server-to-server part of an {@code s2s} destination: where segment changes are pushed, whose
 * IDs are sent, batching, and how the request is authenticated (HMAC signature, OAuth 2 client
 * credentials, or both).
 */
public record S2sSettings(
    String url,
    int userDpid,
    String clientId,
    int maxUsersPerMessage,
    int batchWindowMs,
    Signing signing,
    OAuth oauth) {

  public static final int MAX_USERS_PER_MESSAGE = 10;
  public static final int DEFAULT_BATCH_WINDOW_MS = 200;
  public static final int MAX_BATCH_WINDOW_MS = 10_000;
  public static final String DEFAULT_SIGNATURE_HEADER = "X-Signature";
  public static final String DEFAULT_SIGNATURE_ALGORITHM = "HmacSHA1";

  private static final Set<String> ALGORITHMS = Set.of("HmacSHA1", "HmacSHA256", "HmacMD5");
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

  /** HMAC signing of the raw body, Base64 of the MAC in {@code header}. */
  public record Signing(String algorithm, String header, String key) {}

  /** OAuth 2 client credentials: a bearer token from {@code tokenUrl}, Basic credentials. */
  public record OAuth(String tokenUrl, String clientId, String clientSecret) {}

  /**
   * Validates the s2s fields of {@code in} and writes them, defaults applied, into {@code json}.
   */
  static S2sSettings fromJson(JsonObject in, JsonObject json) {
    String url = pushUrl(JsonFields.requireString(in, "url", "url"), "url");
    int userDpid = JsonFields.requirePositiveInt(in, "userDpid", "userDpid");
    String clientId = JsonFields.optString(in, "clientId", "clientId", "");
    if (clientId.length() > 256) {
      throw RequestException.badRequest("clientId", "longer than 256 characters");
    }
    int maxUsers =
        JsonFields.optInt(in, "maxUsersPerMessage", "maxUsersPerMessage", MAX_USERS_PER_MESSAGE);
    if (maxUsers < 1 || maxUsers > MAX_USERS_PER_MESSAGE) {
      throw RequestException.badRequest(
          "maxUsersPerMessage", "must be 1 to " + MAX_USERS_PER_MESSAGE);
    }
    int window = JsonFields.optInt(in, "batchWindowMs", "batchWindowMs", DEFAULT_BATCH_WINDOW_MS);
    if (window < 0 || window > MAX_BATCH_WINDOW_MS) {
      throw RequestException.badRequest("batchWindowMs", "must be 0 to " + MAX_BATCH_WINDOW_MS);
    }
    Signing signing = null;
    if (in.getValue("signing") != null) {
      JsonObject s = JsonFields.optObject(in, "signing", "signing");
      String algorithm =
          JsonFields.optString(s, "algorithm", "signing.algorithm", DEFAULT_SIGNATURE_ALGORITHM);
      if (!ALGORITHMS.contains(algorithm)) {
        throw RequestException.badRequest(
            "signing.algorithm", "must be HmacSHA1, HmacSHA256 or HmacMD5");
      }
      try {
        Mac.getInstance(algorithm);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw RequestException.badRequest("signing.algorithm", "not available in this JVM");
      }
      String header = JsonFields.optString(s, "header", "signing.header", DEFAULT_SIGNATURE_HEADER);
      if (!HEADER.matcher(header).matches()) {
        throw RequestException.badRequest("signing.header", "must be an HTTP header name");
      }
      String key = JsonFields.requireString(s, "key", "signing.key");
      signing = new Signing(algorithm, header, key);
      json.put(
          "signing",
          new JsonObject().put("algorithm", algorithm).put("header", header).put("key", key));
    }
    OAuth oauth = null;
    if (in.getValue("oauth") != null) {
      JsonObject o = JsonFields.optObject(in, "oauth", "oauth");
      String tokenUrl =
          pushUrl(JsonFields.requireString(o, "tokenUrl", "oauth.tokenUrl"), "oauth.tokenUrl");
      String id = JsonFields.requireString(o, "clientId", "oauth.clientId");
      if (id.contains(":")) {
        throw RequestException.badRequest("oauth.clientId", "must not contain ':'");
      }
      String secret = JsonFields.requireString(o, "clientSecret", "oauth.clientSecret");
      oauth = new OAuth(tokenUrl, id, secret);
      json.put(
          "oauth",
          new JsonObject()
              .put("tokenUrl", tokenUrl)
              .put("clientId", id)
              .put("clientSecret", secret));
    }
    json.put("url", url)
        .put("userDpid", userDpid)
        .put("clientId", clientId)
        .put("maxUsersPerMessage", maxUsers)
        .put("batchWindowMs", window);
    return new S2sSettings(url, userDpid, clientId, maxUsers, window, signing, oauth);
  }

  /** HTTPS, or plain HTTP only to a loopback host (tests, a local relay). */
  private static String pushUrl(String url, String field) {
    if (url.length() > 4096) {
      throw RequestException.badRequest(field, "longer than 4096 characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw RequestException.badRequest(field, "is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw RequestException.badRequest(field, "must be an absolute URL with a host");
    }
    if ("https".equals(scheme)) {
      return url;
    }
    if ("http".equals(scheme) && LOOPBACK.contains(host.toLowerCase(Locale.ROOT))) {
      return url;
    }
    throw RequestException.badRequest(
        field, "must be an https URL (plain http only to 127.0.0.1/localhost)");
  }
}
