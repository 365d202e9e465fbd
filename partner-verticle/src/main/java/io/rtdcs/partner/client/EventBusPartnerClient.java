package io.rtdcs.partner.client;

import io.rtdcs.common.Addresses;
import io.rtdcs.common.egress.HttpExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import java.util.Objects;

/**
 * An event-bus partner: a request to {@code dcs.partner.<dpid>} with the time left as send timeout.
 * No consumer is {@code unavailable}, no reply in time {@code timeout}, a failure reply or a bad
 * answer {@code error}.
 */
public final class EventBusPartnerClient implements PartnerClient {
  private final Vertx vertx;
  private final String address;
  private final PartnerAnswerParser parser;

  public EventBusPartnerClient(Vertx vertx, int dpid, PartnerAnswerParser parser) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.address = Addresses.partner(dpid);
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  @Override
  public Future<PartnerResult> call(PartnerCall call) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(call.tmax());
    return vertx
        .eventBus()
        .request(address, call.toJson(), options)
        .map(reply -> parser.parseJson(reply.body()))
        .otherwise(t -> fromFailure(t, call.tmax()));
  }

  private static PartnerResult fromFailure(Throwable t, long budgetMs) {
    if (t instanceof ReplyException re && re.failureType() != null) {
      switch (re.failureType()) {
        case NO_HANDLERS:
          return PartnerResult.of(PartnerOutcome.UNAVAILABLE, "no consumer on the event bus");
        case TIMEOUT:
          return PartnerResult.timeout(budgetMs);
        case RECIPIENT_FAILURE:
          return PartnerResult.error("partner failed: " + re.failureCode() + " " + re.getMessage());
        default:
          return PartnerResult.error(HttpExchange.describe(t));
      }
    }
    return PartnerResult.error(HttpExchange.describe(t));
  }
}
