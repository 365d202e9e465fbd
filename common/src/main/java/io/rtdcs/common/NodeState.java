package io.rtdcs.common;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * Node-local state the launcher publishes to the verticles through Vert.x's local shared data:
 * whether the node is ready (cluster joined, every verticle deployed) and what it runs.
 */
public final class NodeState {
  public static final String MAP = "rtdcs.node";
  public static final String READY = "ready";

  public static boolean isReady(Vertx vertx) {
    return Boolean.TRUE.equals(map(vertx).get(READY));
  }

  public static void setReady(Vertx vertx, boolean ready) {
    map(vertx).put(READY, ready);
  }

  private static LocalMap<String, Object> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }

  private NodeState() {}
}
