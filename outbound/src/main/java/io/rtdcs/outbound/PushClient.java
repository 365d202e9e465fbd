package io.rtdcs.outbound;

import io.rtdcs.common.HmacSigner;
import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.common.egress.HttpExchange;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.segment.definitions.DestinationDefinition;
import io.rtdcs.segment.definitions.S2sSettings;
import io.rtdcs.segment.outbound.OutboundMetrics;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import org.slf4j.LoggerFactory;

/**
 * POSTs one message to an {@code s2s} destination: JSON body, HMAC signature of the raw body in the
 * configured header, OAuth bearer token; {@code 200} within the deadline is success, anything else
 * gets exactly one more attempt, then the failure is counted and logged (rate-limited). Always
 * completes successfully, with whether the message was delivered.
 */
final class PushClient {
  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(PushClient.class), 10_000);

  private final Vertx vertx;
  private final HttpClient client;
  private final OAuthTokens tokens;
  private final OutboundMetrics metrics;
  private final long deadlineMs;
  private final OutboundAddressPolicy egress;

  PushClient(
      Vertx vertx,
      HttpClient client,
      Clock clock,
      OutboundMetrics metrics,
      long deadlineMs,
      OutboundAddressPolicy egress) {
    this.vertx = vertx;
    this.client = client;
    this.metrics = metrics;
    this.deadlineMs = deadlineMs;
    this.egress = egress;
    this.tokens = new OAuthTokens(vertx, client, clock, deadlineMs, egress);
  }

  Future<Boolean> deliver(DestinationDefinition d, Buffer body) {
    return attempt(d, body)
        .compose(
            first -> {
              if (first == null) {
                return Future.succeededFuture(true);
              }
              metrics.retries.increment();
              return attempt(d, body)
                  .map(
                      second -> {
                        if (second == null) {
                          return true;
                        }
                        metrics.failed.increment();
                        LOG.warn(
                            "outbound push to destination {} failed twice, dropped: {}; {}",
                            d.id(),
                            first,
                            second);
                        return false;
                      });
            });
  }

  /** One attempt: null when answered 200, else why it failed. */
  private Future<String> attempt(DestinationDefinition d, Buffer body) {
    S2sSettings s2s = d.s2s();
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Content-Type", "application/json")
            .add("User-Agent", "rtdcs outbound");
    if (s2s.signing() != null) {
      HmacSigner signer = new HmacSigner(s2s.signing().algorithm(), s2s.signing().key());
      headers.add(s2s.signing().header(), signer.sign(body.getBytes()));
    }
    Future<String> bearer =
        s2s.oauth() == null ? Future.succeededFuture(null) : tokens.token(s2s.oauth());
    return bearer
        .compose(
            token -> {
              if (token != null) {
                headers.add("Authorization", "Bearer " + token);
              }
              return HttpExchange.post(
                  vertx, client, s2s.url(), headers, body, deadlineMs, 0, egress);
            })
        .map(
            reply -> {
              if (reply.status() == 200) {
                return (String) null;
              }
              if (s2s.oauth() != null && (reply.status() == 401 || reply.status() == 403)) {
                tokens.refused(s2s.oauth());
              }
              return "status " + reply.status();
            })
        .otherwise(e -> e.getMessage() == null ? e.toString() : e.getMessage());
  }
}
