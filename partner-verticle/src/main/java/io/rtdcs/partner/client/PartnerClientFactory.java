package io.rtdcs.partner.client;

import io.rtdcs.common.HmacSigner;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.partner.definition.BreakerSettings;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.rtdcs.partner.definition.PartnerType;
import io.rtdcs.partner.definition.SigningSettings;
import io.rtdcs.partner.stats.PartnerStats;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the client chain of one definition: in-flight limit, then circuit breaker, then the
 * requester (HTTP, with a signing request factory when the definition signs; or event bus).
 */
public final class PartnerClientFactory {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerClientFactory.class);

  private final Vertx vertx;
  private final HttpClient httpClient;
  private final PartnerStats stats;
  private final OutboundAddressPolicy egress;

  public PartnerClientFactory(
      Vertx vertx, HttpClient httpClient, PartnerStats stats, OutboundAddressPolicy egress) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.egress = Objects.requireNonNull(egress, "egress");
  }

  /**
   * The HTTP client the requesters of one verticle instance share: keep-alive, no Nagle delay, up
   * to {@code maxPoolSize} connections per partner host.
   */
  public static HttpClient httpClient(Vertx vertx, int maxPoolSize) {
    return vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(maxPoolSize));
  }

  public PartnerClient create(PartnerDefinition definition) {
    PartnerAnswerParser parser =
        new PartnerAnswerParser(definition.maxSegments(), definition.cacheTtlSeconds());
    PartnerClient requester =
        definition.type() == PartnerType.EVENTBUS
            ? new EventBusPartnerClient(vertx, definition.dpid(), parser)
            : new HttpPartnerClient(
                vertx,
                httpClient,
                requestFactory(definition),
                parser,
                definition.maxBodyBytes(),
                egress);
    PartnerClient broken = new BreakerPartnerClient(requester, breaker(definition));
    return new InFlightLimitingPartnerClient(
        broken, stats.partner(definition.dpid()).inFlight(), definition.maxInFlight());
  }

  static PartnerRequestFactory requestFactory(PartnerDefinition definition) {
    PartnerRequestFactory base =
        definition.method() == PartnerDefinition.HttpMethodKind.GET
            ? new GetTemplateRequestFactory(definition.url())
            : new JsonPostRequestFactory(definition.url());
    SigningSettings signing = definition.signing();
    if (signing == null) {
      return base;
    }
    return new SigningRequestFactory(
        base, new HmacSigner(signing.algorithm(), signing.key()), signing.header());
  }

  private CircuitBreaker breaker(PartnerDefinition definition) {
    BreakerSettings settings = definition.breaker();
    CircuitBreakerOptions options =
        new CircuitBreakerOptions()
            .setMaxFailures(settings.maxFailures())
            .setResetTimeout(settings.resetTimeoutMs())
            .setFailuresRollingWindow(settings.windowMs())
            .setTimeout(-1) // the requester's own hard deadline applies
            .setFallbackOnFailure(false)
            .setNotificationAddress(null);
    int dpid = definition.dpid();
    PartnerStats.PartnerCounters counters = stats.partner(dpid);
    return CircuitBreaker.create("partner-" + dpid, vertx, options)
        .openHandler(
            v -> {
              counters.breakerState(PartnerStats.BREAKER_OPEN);
              LOG.warn("partner {}: circuit breaker open", dpid);
            })
        .halfOpenHandler(v -> counters.breakerState(PartnerStats.BREAKER_HALF_OPEN))
        .closeHandler(
            v -> {
              counters.breakerState(PartnerStats.BREAKER_CLOSED);
              LOG.info("partner {}: circuit breaker closed", dpid);
            });
  }
}
