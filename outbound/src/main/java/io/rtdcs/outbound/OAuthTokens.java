package io.rtdcs.outbound;

import io.rtdcs.common.egress.HttpExchange;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.segment.definitions.S2sSettings;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * OAuth 2 client-credentials bearer tokens per (token URL, client id), as AAM's IRIS gets them: a
 * {@code POST grant_type=client_credentials} with Basic credentials. A token is kept until {@code
 * expires_in} (minus 30 s) runs out, or forever without one, and dropped when a push is refused
 * with 401 or 403. Concurrent pushes share one token request. Event-loop confined.
 */
final class OAuthTokens {
  static final long EXPIRY_MARGIN_MS = 30_000;
  private static final int MAX_TOKEN_BODY = 16_384;

  private record Token(String value, long expiresAt) {}

  private final Vertx vertx;
  private final HttpClient client;
  private final Clock clock;
  private final long deadlineMs;
  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<String, Future<String>> fetching = new HashMap<>();
  private final OutboundAddressPolicy egress;

  OAuthTokens(
      Vertx vertx, HttpClient client, Clock clock, long deadlineMs, OutboundAddressPolicy egress) {
    this.vertx = vertx;
    this.client = client;
    this.clock = clock;
    this.deadlineMs = deadlineMs;
    this.egress = egress;
  }

  Future<String> token(S2sSettings.OAuth oauth) {
    String key = oauth.tokenUrl() + " " + oauth.clientId() + " " + oauth.clientSecret().hashCode();
    Token t = tokens.get(key);
    if (t != null && clock.millis() < t.expiresAt()) {
      return Future.succeededFuture(t.value());
    }
    Future<String> pending = fetching.get(key);
    if (pending != null) {
      return pending;
    }
    Future<String> f =
        fetch(oauth)
            .map(
                fetched -> {
                  tokens.put(key, fetched);
                  return fetched.value();
                })
            .onComplete(ar -> fetching.remove(key));
    if (!f.isComplete()) {
      fetching.put(key, f);
    }
    return f;
  }

  void refused(S2sSettings.OAuth oauth) {
    tokens.remove(
        oauth.tokenUrl() + " " + oauth.clientId() + " " + oauth.clientSecret().hashCode());
  }

  private Future<Token> fetch(S2sSettings.OAuth oauth) {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (oauth.clientId() + ":" + oauth.clientSecret()).getBytes(StandardCharsets.UTF_8));
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Authorization", "Basic " + basic)
            .add("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
            .add("Accept", "application/json")
            .add("User-Agent", "rtdcs outbound");
    return HttpExchange.post(
            vertx,
            client,
            oauth.tokenUrl(),
            headers,
            Buffer.buffer("grant_type=client_credentials"),
            deadlineMs,
            MAX_TOKEN_BODY,
            egress)
        .compose(
            reply -> {
              if (reply.status() != 200) {
                return Future.failedFuture("token URL answered " + reply.status());
              }
              JsonObject json;
              try {
                json = reply.body().toJsonObject();
              } catch (RuntimeException e) {
                return Future.failedFuture("token answer is not JSON");
              }
              Object access = json.getValue("access_token");
              Object type = json.getValue("token_type");
              if (!(access instanceof String a) || a.isBlank()) {
                return Future.failedFuture("token answer has no access_token");
              }
              if (type != null && !"bearer".equalsIgnoreCase(String.valueOf(type))) {
                return Future.failedFuture("token_type is not Bearer");
              }
              long expiresAt = Long.MAX_VALUE;
              if (json.getValue("expires_in") instanceof Number n && n.longValue() > 0) {
                expiresAt = clock.millis() + n.longValue() * 1000 - EXPIRY_MARGIN_MS;
              }
              return Future.succeededFuture(new Token(a, expiresAt));
            });
  }
}
