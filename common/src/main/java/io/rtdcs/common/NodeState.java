package io.rtdcs.common;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * Node-local state the launcher publishes to the verticles through Vert.x's local shared data:
 * whether the node is ready (cluster joined, every verticle deployed, hot path warm), the HTTP port
 * and the warm-up secret.
 */
public final class NodeState {
  public static final String MAP = "rtdcs.node";
  public static final String READY = "ready";
  public static final String HTTP_PORT = "httpPort";
  public static final String WARMUP_TOKEN = "warmupToken";

  public static boolean isReady(Vertx vertx) {
    return Boolean.TRUE.equals(map(vertx).get(READY));
  }

  public static void setReady(Vertx vertx, boolean ready) {
    map(vertx).put(READY, ready);
  }

  /** The port the public HTTP listener bound (published by the dcs verticle), or -1. */
  public static int httpPort(Vertx vertx) {
    return map(vertx).get(HTTP_PORT) instanceof Integer p ? p : -1;
  }

  public static void setHttpPort(Vertx vertx, int port) {
    map(vertx).put(HTTP_PORT, port);
  }

  /**
   * This process's warm-up secret: a call carrying it in {@code X-Rtdcs-Warmup} is a synthetic
   * warm-up call (never stored, never sent to a partner). Random per process, never logged or
   * answered.
   */
  public static String warmupToken(Vertx vertx) {
    return (String)
        map(vertx)
            .computeIfAbsent(
                WARMUP_TOKEN,
                k -> {
                  byte[] bytes = new byte[32];
                  new java.security.SecureRandom().nextBytes(bytes);
                  return java.util.HexFormat.of().formatHex(bytes);
                });
  }

  private static LocalMap<String, Object> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }

  private NodeState() {}
}
