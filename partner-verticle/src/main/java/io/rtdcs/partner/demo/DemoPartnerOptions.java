package io.rtdcs.partner.demo;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The demo partner's behaviour: {@code host}, {@code port}, {@code latencyMs}, {@code failureRate}
 * (share of 500 answers), {@code mode} (normal, hang, error, garbage, slow-body), {@code ttl}.
 * {@code dcsUrl} and {@code dpid} (where {@code /sync} redirects to). Everything but host and port
 * can be changed at run time through {@code PUT /control}.
 */
public final class DemoPartnerOptions {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8090;
  public static final long DEFAULT_LATENCY_MS = 10;
  public static final double DEFAULT_FAILURE_RATE = 0.0;
  public static final String DEFAULT_MODE = "normal";
  public static final long DEFAULT_TTL = 600;
  public static final String DEFAULT_DCS_URL = "http://127.0.0.1:8080";
  public static final int DEFAULT_DPID = 9001;
  public static final List<String> MODES =
      List.of("normal", "hang", "error", "garbage", "slow-body");

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private long latencyMs = DEFAULT_LATENCY_MS;
  private double failureRate = DEFAULT_FAILURE_RATE;
  private String mode = DEFAULT_MODE;
  private long ttl = DEFAULT_TTL;
  private String dcsUrl = DEFAULT_DCS_URL;
  private int dpid = DEFAULT_DPID;

  public DemoPartnerOptions() {}

  public DemoPartnerOptions(JsonObject json) {
    merge(json == null ? new JsonObject() : json);
  }

  /**
   * Applies the keys present in {@code json} (the others keep their value); a wrong type, a value
   * out of range or an unknown key throws naming the key, and nothing is applied by the caller.
   */
  public DemoPartnerOptions merge(JsonObject json) {
    ConfigValues c = new ConfigValues(json);
    setHost(c.string("host", host));
    setPort(c.integer("port", port));
    setLatencyMs(c.longValue("latencyMs", latencyMs));
    setFailureRate(c.decimal("failureRate", failureRate));
    setMode(c.string("mode", mode));
    setTtl(c.longValue("ttl", ttl));
    setDcsUrl(c.string("dcsUrl", dcsUrl));
    setDpid(c.integer("dpid", dpid));
    c.rejectUnknown("");
    return this;
  }

  public String getHost() {
    return host;
  }

  public DemoPartnerOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host: must not be blank");
    }
    this.host = host;
    return this;
  }

  public int getPort() {
    return port;
  }

  public DemoPartnerOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be between 0 and 65535");
    }
    this.port = port;
    return this;
  }

  public long getLatencyMs() {
    return latencyMs;
  }

  public DemoPartnerOptions setLatencyMs(long latencyMs) {
    if (latencyMs < 0 || latencyMs > 600_000) {
      throw new IllegalArgumentException("latencyMs: must be between 0 and 600000");
    }
    this.latencyMs = latencyMs;
    return this;
  }

  public double getFailureRate() {
    return failureRate;
  }

  public DemoPartnerOptions setFailureRate(double failureRate) {
    if (failureRate < 0 || failureRate > 1) {
      throw new IllegalArgumentException("failureRate: must be between 0.0 and 1.0");
    }
    this.failureRate = failureRate;
    return this;
  }

  public String getMode() {
    return mode;
  }

  public DemoPartnerOptions setMode(String mode) {
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("mode: must be one of " + MODES);
    }
    this.mode = mode;
    return this;
  }

  public long getTtl() {
    return ttl;
  }

  public DemoPartnerOptions setTtl(long ttl) {
    if (ttl < 0) {
      throw new IllegalArgumentException("ttl: must be >= 0");
    }
    this.ttl = ttl;
    return this;
  }

  /** Where {@code /sync} sends the browser back to (rtdcs's /ibs). */
  public String getDcsUrl() {
    return dcsUrl;
  }

  public DemoPartnerOptions setDcsUrl(String dcsUrl) {
    if (dcsUrl == null || !(dcsUrl.startsWith("http://") || dcsUrl.startsWith("https://"))) {
      throw new IllegalArgumentException("dcsUrl: must be an http(s) URL");
    }
    this.dcsUrl = dcsUrl.endsWith("/") ? dcsUrl.substring(0, dcsUrl.length() - 1) : dcsUrl;
    return this;
  }

  /** The dpid this partner has in rtdcs (for the ID sync redirect). */
  public int getDpid() {
    return dpid;
  }

  public DemoPartnerOptions setDpid(int dpid) {
    if (dpid < 1) {
      throw new IllegalArgumentException("dpid: must be >= 1");
    }
    this.dpid = dpid;
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("latencyMs", latencyMs)
        .put("failureRate", failureRate)
        .put("mode", mode)
        .put("ttl", ttl)
        .put("dcsUrl", dcsUrl)
        .put("dpid", dpid);
  }
}
