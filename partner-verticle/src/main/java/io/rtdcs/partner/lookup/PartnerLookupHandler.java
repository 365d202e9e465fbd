package io.rtdcs.partner.lookup;

import io.rtdcs.contract.Contract;
import io.rtdcs.contract.LookupReply;
import io.rtdcs.contract.LookupRequest;
import io.rtdcs.contract.RequestException;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import java.util.Objects;

/** {@code dcs.partners.lookup}: 400 on a bad request, else always a success reply. */
public final class PartnerLookupHandler implements Handler<Message<Object>> {
  private final PartnerLookupService service;

  public PartnerLookupHandler(PartnerLookupService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  @Override
  public void handle(Message<Object> message) {
    LookupRequest request;
    try {
      request = LookupRequest.of(message.body());
    } catch (RequestException e) {
      message.fail(400, e.getMessage());
      return;
    }
    service
        .lookup(request)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                Contract.reply(message, ar.result(), LookupReply::toJson);
              } else {
                message.fail(500, "lookup failed: " + ar.cause().getMessage());
              }
            });
  }
}
