package io.rtdcs.partner.bridge;

import io.vertx.core.Handler;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertx.ext.eventbus.bridge.tcp.impl.TcpEventBusBridgeImpl;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Hands an accepted socket to the Vert.x TCP event-bus bridge, which then speaks the bridge
 * protocol on it. vertx-tcp-eventbus-bridge 5 only serves sockets from a NetServer of its own that
 * it creates and wires privately, with no hook at accept and no limit on the declared frame length;
 * the partner bridge accepts on a NetServer of ours (limits, TLS, frame cap first) and passes each
 * socket on through the bridge's per-connection handler, looked up once at start so that a library
 * upgrade that renames it stops the node at start rather than at the first partner.
 */
final class BridgeSocketHandoff implements Handler<NetSocket> {
  private final TcpEventBusBridge bridge;
  private final MethodHandle handler;

  private BridgeSocketHandoff(TcpEventBusBridge bridge, MethodHandle handler) {
    this.bridge = bridge;
    this.handler = handler;
  }

  /** The handoff into this bridge (created and never listened on). */
  static BridgeSocketHandoff of(TcpEventBusBridge bridge) {
    if (!(bridge instanceof TcpEventBusBridgeImpl)) {
      throw new IllegalStateException(
          "vertx-tcp-eventbus-bridge: unexpected implementation " + bridge.getClass().getName());
    }
    try {
      MethodHandle handler =
          MethodHandles.privateLookupIn(TcpEventBusBridgeImpl.class, MethodHandles.lookup())
              .findVirtual(
                  TcpEventBusBridgeImpl.class,
                  "handler",
                  MethodType.methodType(void.class, NetSocket.class));
      return new BridgeSocketHandoff(bridge, handler);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "vertx-tcp-eventbus-bridge: no per-connection handler(NetSocket) to hand sockets to"
              + " (library changed?)",
          e);
    }
  }

  @Override
  public void handle(NetSocket socket) {
    try {
      handler.invoke(bridge, socket);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("vertx-tcp-eventbus-bridge: handoff failed", e);
    }
  }
}
