package io.rtdcs.node.bridge;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A tiny blocking TCP event-bus bridge client over a raw socket (4-byte big-endian length + JSON),
 * written from the wire format alone, the way a partner in another language would.
 */
public final class BridgeTestClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  public BridgeTestClient(int port) throws IOException {
    this(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  /** Over a socket already connected (TLS, another source address, a small receive buffer). */
  public BridgeTestClient(Socket connected) throws IOException {
    socket = connected;
    socket.setSoTimeout(5_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  public void send(JsonObject frame) throws IOException {
    byte[] data = frame.encode().getBytes(StandardCharsets.UTF_8);
    out.writeInt(data.length);
    out.write(data);
    out.flush();
  }

  /** The next frame, or null when none arrives within the socket timeout. */
  public JsonObject next() throws IOException {
    try {
      int length = in.readInt();
      byte[] data = new byte[length];
      in.readFully(data);
      return new JsonObject(new String(data, StandardCharsets.UTF_8));
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  /** The next frame within {@code timeoutMs}, or null. */
  public JsonObject next(int timeoutMs) throws IOException {
    int before = socket.getSoTimeout();
    socket.setSoTimeout(timeoutMs);
    try {
      return next();
    } finally {
      socket.setSoTimeout(before);
    }
  }

  public void register(String address, String token) throws IOException {
    send(
        new JsonObject()
            .put("type", "register")
            .put("address", address)
            .put("headers", new JsonObject().put("token", token)));
  }

  /**
   * Sends a ping and returns every frame received before its pong (frames are handled in order).
   */
  public java.util.List<JsonObject> untilPong() throws IOException {
    send(new JsonObject().put("type", "ping"));
    java.util.List<JsonObject> before = new java.util.ArrayList<>();
    while (true) {
      JsonObject f = next();
      if (f == null) {
        throw new IOException("no pong within the timeout; got " + before);
      }
      if ("pong".equals(f.getString("type"))) {
        return before;
      }
      before.add(f);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
