package io.rtdcs.common;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * The event-bus codec of rtdcs's own contract messages (docs/event-bus.md): across the cluster the
 * same JSON as Vert.x's own codec; on local delivery the body itself, not a deep copy (the copy was
 * 14 % of a node's CPU under load, BENCHMARKS.md). The rule that makes this safe: a body is never
 * changed once sent, by the sender or by the receiver; a sender that sends again sends a copy.
 * Registered on every rtdcs node ({@link #register}); outsiders (partners on the TCP bridge) keep
 * Vert.x's codec.
 */
public final class SharedJsonCodec implements MessageCodec<JsonObject, JsonObject> {
  public static final String NAME = "rtdcs-json";

  private static final DeliveryOptions REPLY = new DeliveryOptions().setCodecName(NAME);

  /** Registers the codec on {@code bus} once (later calls do nothing). */
  public static void register(EventBus bus) {
    synchronized (bus) {
      try {
        bus.registerCodec(new SharedJsonCodec());
      } catch (IllegalStateException alreadyRegistered) {
        // registered by another verticle of this node
      }
    }
  }

  /** Options of a request sent with this codec (a fresh object: the caller adds its timeout). */
  public static DeliveryOptions options() {
    return new DeliveryOptions().setCodecName(NAME);
  }

  /** Options of a reply sent with this codec. */
  public static DeliveryOptions reply() {
    return REPLY;
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonObject body) {
    Buffer encoded = body.toBuffer();
    buffer.appendInt(encoded.length());
    buffer.appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.slice(pos + 4, pos + 4 + length));
  }

  @Override
  public JsonObject transform(JsonObject body) {
    return body;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
