package io.rtdcs.node;

import io.vertx.core.json.JsonObject;

/** The demo HTTP partner a node may start on loopback, so a single node shows the whole flow. */
public final class DemoPartnerOptions {
  public static final boolean DEFAULT_ENABLED = false;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8090;
  public static final int DEFAULT_LATENCY_MS = 10;

  private boolean enabled = DEFAULT_ENABLED;
  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private int latencyMs = DEFAULT_LATENCY_MS;

  public DemoPartnerOptions() {}

  public DemoPartnerOptions(JsonObject json) {
    setEnabled(NodeOptions.boolValue(json, "enabled", "demoPartner.enabled", enabled));
    setHost(NodeOptions.stringValue(json, "host", "demoPartner.host", host));
    setPort(NodeOptions.intValue(json, "port", "demoPartner.port", port));
    setLatencyMs(NodeOptions.intValue(json, "latencyMs", "demoPartner.latencyMs", latencyMs));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("enabled", enabled)
        .put("host", host)
        .put("port", port)
        .put("latencyMs", latencyMs);
  }

  public boolean isEnabled() {
    return enabled;
  }

  public DemoPartnerOptions setEnabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  public String getHost() {
    return host;
  }

  public DemoPartnerOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("demoPartner.host: must not be blank");
    }
    this.host = host;
    return this;
  }

  public int getPort() {
    return port;
  }

  public DemoPartnerOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("demoPartner.port: expected 0-65535, got " + port);
    }
    this.port = port;
    return this;
  }

  public int getLatencyMs() {
    return latencyMs;
  }

  public DemoPartnerOptions setLatencyMs(int latencyMs) {
    if (latencyMs < 0 || latencyMs > 60_000) {
      throw new IllegalArgumentException(
          "demoPartner.latencyMs: expected 0-60000, got " + latencyMs);
    }
    this.latencyMs = latencyMs;
    return this;
  }
}
