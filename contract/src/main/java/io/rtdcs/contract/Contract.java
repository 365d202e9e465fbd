package io.rtdcs.contract;

import io.rtdcs.common.SharedJsonCodec;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * The typed messages of the contract and their codecs (docs/event-bus.md, "Typed and JSON forms").
 * {@link #register} makes each record's codec the default for its class on a bus, so a record is
 * sent as it is: the same object on local delivery, its binary form across the cluster.
 */
public final class Contract {
  public static final ContractCodec<ResolveRequest> RESOLVE_REQUEST =
      new ContractCodec<>("rtdcs-resolve", ResolveRequest::write, ResolveRequest::read);
  public static final ContractCodec<VisitorFacts> VISITOR_FACTS =
      new ContractCodec<>("rtdcs-visitor-facts", VisitorFacts::write, VisitorFacts::read);
  public static final ContractCodec<LookupRequest> LOOKUP_REQUEST =
      new ContractCodec<>("rtdcs-lookup", LookupRequest::write, LookupRequest::read);
  public static final ContractCodec<LookupReply> LOOKUP_REPLY =
      new ContractCodec<>("rtdcs-lookup-reply", LookupReply::write, LookupReply::read);
  public static final ContractCodec<RealizeRequest> REALIZE_REQUEST =
      new ContractCodec<>("rtdcs-realize", RealizeRequest::write, RealizeRequest::read);
  public static final ContractCodec<RealizeReply> REALIZE_REPLY =
      new ContractCodec<>("rtdcs-realize-reply", RealizeReply::write, RealizeReply::read);

  private static final DeliveryOptions JSON_REPLY = SharedJsonCodec.reply();

  /** Every typed message, with its class. */
  static final List<Registration<?>> ALL =
      List.of(
          new Registration<>(ResolveRequest.class, RESOLVE_REQUEST),
          new Registration<>(VisitorFacts.class, VISITOR_FACTS),
          new Registration<>(LookupRequest.class, LOOKUP_REQUEST),
          new Registration<>(LookupReply.class, LOOKUP_REPLY),
          new Registration<>(RealizeRequest.class, REALIZE_REQUEST),
          new Registration<>(RealizeReply.class, REALIZE_REPLY));

  record Registration<T>(Class<T> type, ContractCodec<T> codec) {
    void on(EventBus bus) {
      bus.registerDefaultCodec(type, codec);
    }
  }

  /**
   * Registers the typed messages' codecs (and rtdcs's shared JSON codec) on {@code bus}, once:
   * later calls, by other verticles of the node, do nothing.
   */
  public static void register(EventBus bus) {
    SharedJsonCodec.register(bus);
    synchronized (bus) {
      for (Registration<?> r : ALL) {
        try {
          r.on(bus);
        } catch (IllegalStateException alreadyRegistered) {
          // registered by another verticle of this node
        }
      }
    }
  }

  /**
   * Replies to {@code request} in the form it came: a typed request gets the record, a JSON one (an
   * outsider, a test, another language) its JSON form.
   */
  public static <T> void reply(Message<?> request, T reply, Function<T, JsonObject> json) {
    if (request.body() instanceof JsonObject) {
      request.reply(json.apply(reply), JSON_REPLY);
    } else {
      request.reply(reply);
    }
  }

  private Contract() {}
}
