package io.rtdcs.node;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Where the clustered event bus listens and what it tells the other members to connect to ({@code
 * cluster.eventBus}): {@code host} and {@code port} are bound; {@code publicHost} and {@code
 * publicPort} are advertised (a NAT, a published container port, a pod address). Without a section
 * the bus binds {@code cluster.host} on a random port, as before; a fixed {@code port} lets a
 * firewall or a container network name it (docs/deploy.md).
 */
public final class EventBusAddressOptions {
  /** 0 = a random free port, picked at each start. */
  public static final int DEFAULT_PORT = 0;

  private static final String SECTION = "cluster.eventBus";
  private static final String PREFIX = SECTION + ".";
  private static final Set<String> KEYS = Set.of("host", "port", "publicHost", "publicPort");
  private static final Set<String> ANY_INTERFACE = Set.of("0.0.0.0", "::", "[::]");

  private final String host;
  private final int port;
  private final String publicHost;
  private final int publicPort;

  public EventBusAddressOptions() {
    this(null, DEFAULT_PORT, null, 0);
  }

  private EventBusAddressOptions(String host, int port, String publicHost, int publicPort) {
    this.host = host;
    this.port = port;
    this.publicHost = publicHost;
    this.publicPort = publicPort;
  }

  /** Reads and checks {@code cluster.eventBus}; the error names the key that is wrong. */
  public static EventBusAddressOptions from(JsonObject cluster) {
    Object section = cluster.getValue("eventBus");
    if (section != null && !(section instanceof JsonObject)) {
      throw new IllegalArgumentException("cluster.eventBus: expected an object, got " + section);
    }
    JsonObject json = section == null ? new JsonObject() : (JsonObject) section;
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            PREFIX + key + ": unknown key (expected host, port, publicHost, publicPort)");
      }
    }
    String host = host(json, "host");
    int port = port(json, "port", DEFAULT_PORT);
    String publicHost = host(json, "publicHost");
    int publicPort = port(json, "publicPort", 0);
    if (host != null && ANY_INTERFACE.contains(host) && publicHost == null) {
      throw new IllegalArgumentException(
          PREFIX
              + "publicHost: required when cluster.eventBus.host is "
              + host
              + " (the address the other members connect to)");
    }
    if (publicPort != 0 && port == 0) {
      throw new IllegalArgumentException(
          PREFIX
              + "publicPort: needs a fixed cluster.eventBus.port (a random port cannot be"
              + " forwarded), got port 0");
    }
    return new EventBusAddressOptions(host, port, publicHost, publicPort);
  }

  /** The bound interface; null = {@code cluster.host}. */
  public String getHost() {
    return host;
  }

  /** The bound port; 0 = random. */
  public int getPort() {
    return port;
  }

  /** The advertised host; null = the bound one. */
  public String getPublicHost() {
    return publicHost;
  }

  /** The advertised port; 0 = the bound one. */
  public int getPublicPort() {
    return publicPort;
  }

  /**
   * The Vert.x event-bus options for a member whose Hazelcast binds {@code clusterHost}: without
   * {@code host}, the bus binds {@code clusterHost}, or, when that is {@code 0.0.0.0}, the address
   * Hazelcast picked (Vert.x asks the cluster manager).
   */
  public EventBusOptions toEventBusOptions(String clusterHost) {
    EventBusOptions options = new EventBusOptions().setPort(port);
    String bind = host != null ? host : ANY_INTERFACE.contains(clusterHost) ? null : clusterHost;
    if (bind != null) {
      options.setHost(bind);
    }
    if (publicHost != null) {
      options.setClusterPublicHost(publicHost);
    }
    if (publicPort != 0) {
      options.setClusterPublicPort(publicPort);
    }
    return options;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (host != null) {
      json.put("host", host);
    }
    json.put("port", port);
    if (publicHost != null) {
      json.put("publicHost", publicHost);
    }
    if (publicPort != 0) {
      json.put("publicPort", publicPort);
    }
    return json;
  }

  private static String host(JsonObject json, String key) {
    String v = new ConfigValues(json, SECTION).string(key, null);
    if (v == null) {
      return null;
    }
    if (!v.matches("[A-Za-z0-9._:\\[\\]-]{1,253}")) {
      throw new IllegalArgumentException(
          PREFIX + key + ": expected a host name or IP address, got '" + v + "'");
    }
    return v;
  }

  private static int port(JsonObject json, String key, int dflt) {
    int v = new ConfigValues(json, SECTION).integer(key, dflt);
    if (v < 0 || v > 65535) {
      throw new IllegalArgumentException(
          PREFIX + key + ": expected a port 0-65535 (0 = " + zeroMeans(key) + "), got " + v);
    }
    return v;
  }

  private static String zeroMeans(String key) {
    return key.equals("port") ? "random" : "the bound port";
  }
}
