package io.rtdcs.dcs.flow;

import io.rtdcs.common.SharedJsonCodec;
import io.rtdcs.contract.Contract;
import io.rtdcs.contract.TimedRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Sends contract requests (docs/event-bus.md) with the time left as the send timeout, pinned to the
 * local node when this node runs the receiving verticle.
 */
public final class BusClient {
  private final EventBus bus;
  private final boolean localSegment;
  private final boolean localPartner;

  public BusClient(EventBus bus, boolean localSegment, boolean localPartner) {
    this.bus = Objects.requireNonNull(bus, "bus");
    Contract.register(bus);
    this.localSegment = localSegment;
    this.localPartner = localPartner;
  }

  /** A request to segment-verticle. */
  public Future<JsonObject> segment(String address, JsonObject body, long timeoutMs) {
    return request(address, body, timeoutMs, localSegment);
  }

  /**
   * A typed request to segment-verticle (docs/event-bus.md, typed forms): sent as the record
   * itself, with its {@code timeoutMs} as the send timeout. The reply is the typed record or, from
   * an implementation that answers JSON, a {@code JsonObject}: the caller reads either ({@code
   * RealizeReply.of}, ...).
   */
  public Future<Object> segment(String address, TimedRequest<?> body) {
    return typed(address, body, localSegment);
  }

  /** A typed request to partner-verticle, as {@link #segment(String, TimedRequest)}. */
  public Future<Object> partner(String address, TimedRequest<?> body) {
    return typed(address, body, localPartner);
  }

  private Future<Object> typed(String address, TimedRequest<?> body, boolean localOnly) {
    if (body.timeoutMs() <= 0) {
      return Future.failedFuture(
          new ReplyException(ReplyFailure.TIMEOUT, "no time left for " + address));
    }
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(body.timeoutMs());
    if (localOnly) {
      options.setLocalOnly(true);
    }
    return bus.<Object>request(address, body, options).map(Message::body);
  }

  /** A request to partner-verticle. */
  public Future<JsonObject> partner(String address, JsonObject body, long timeoutMs) {
    return request(address, body, timeoutMs, localPartner);
  }

  /** A request to whoever answers (admin), without pinning. */
  public Future<JsonObject> any(String address, JsonObject body, long timeoutMs) {
    return request(address, body, timeoutMs, false);
  }

  private Future<JsonObject> request(
      String address, JsonObject body, long timeoutMs, boolean localOnly) {
    if (timeoutMs <= 0) {
      return Future.failedFuture(
          new ReplyException(ReplyFailure.TIMEOUT, "no time left for " + address));
    }
    // passed by reference on local delivery: a body is never changed once sent (SharedJsonCodec)
    DeliveryOptions options = SharedJsonCodec.options().setSendTimeout(timeoutMs);
    if (localOnly) {
      options.setLocalOnly(true);
    }
    return bus.<Object>request(address, body, options).map(BusClient::jsonBody);
  }

  private static JsonObject jsonBody(Message<Object> reply) {
    if (reply.body() instanceof JsonObject json) {
      return json;
    }
    throw new IllegalStateException("reply is not a JSON object");
  }
}
