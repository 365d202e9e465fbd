package io.rtdcs.partner.client;

import io.rtdcs.common.egress.HttpExchange;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.Objects;

/**
 * The one requester of an HTTP partner: builds the request, sends it as one {@link HttpExchange}
 * (the hard deadline at {@code tmax}, the body cap, the {@code egress.allow} check of the address
 * the connection reached, shared with the outbound pushes) and validates the answer. A deadline
 * that passes is outcome {@code timeout}; any other failure {@code error}.
 */
public final class HttpPartnerClient implements PartnerClient {
  private final Vertx vertx;
  private final HttpClient httpClient;
  private final PartnerRequestFactory requestFactory;
  private final PartnerAnswerParser parser;
  private final int maxBodyBytes;
  private final OutboundAddressPolicy egress;

  public HttpPartnerClient(
      Vertx vertx,
      HttpClient httpClient,
      PartnerRequestFactory requestFactory,
      PartnerAnswerParser parser,
      int maxBodyBytes,
      OutboundAddressPolicy egress) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    this.requestFactory = Objects.requireNonNull(requestFactory, "requestFactory");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.maxBodyBytes = maxBodyBytes;
    this.egress = Objects.requireNonNull(egress, "egress");
  }

  @Override
  public Future<PartnerResult> call(PartnerCall call) {
    OutboundRequest outbound;
    try {
      outbound = requestFactory.create(call);
    } catch (RuntimeException e) {
      return Future.succeededFuture(PartnerResult.error("cannot build request: " + e.getMessage()));
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    outbound.headers().forEach(headers::add);
    long budgetMs = call.tmax();
    return HttpExchange.send(
            vertx,
            httpClient,
            outbound.method(),
            outbound.absoluteUri(),
            headers,
            outbound.body(),
            budgetMs,
            maxBodyBytes,
            egress)
        .map(reply -> parser.parseHttp(reply.status(), reply.status() == 200 ? reply.body() : null))
        .otherwise(
            failure ->
                failure instanceof HttpExchange.Failure f
                        && f.kind() == HttpExchange.Failure.Kind.DEADLINE
                    ? PartnerResult.timeout(budgetMs)
                    : PartnerResult.error(failure.getMessage()));
  }
}
