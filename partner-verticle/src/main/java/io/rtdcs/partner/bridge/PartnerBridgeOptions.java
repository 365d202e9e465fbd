package io.rtdcs.partner.bridge;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The TCP event-bus bridge of one node (config section {@code bridge}): whether it runs, where it
 * listens, the token of each partner allowed to register on {@code dcs.partner.<dpid>}, the limits
 * every connection is held to (frame size, connections, write queue) and TLS. Every setter
 * validates and names the config key it guards, so a bad config stops the node at start.
 *
 * <p>{@code bridge.tokens} is an object {@code {"9101": "token", ...}} or, from an environment
 * variable, a string {@code "9101:token,9102:token"}.
 */
public final class PartnerBridgeOptions {
  public static final boolean DEFAULT_ENABLED = false;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7000;
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
  public static final int MIN_TOKEN_LENGTH = BridgeToken.MIN_LENGTH;
  public static final int MAX_TOKEN_LENGTH = BridgeToken.MAX_LENGTH;
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_CONNECTIONS = 256;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 32;
  public static final int DEFAULT_WRITE_QUEUE_MAX_BYTES = 256 * 1024;
  public static final int DEFAULT_SLOW_READER_TIMEOUT_MS = 10_000;

  private boolean enabled = DEFAULT_ENABLED;
  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;
  private Map<Integer, String> tokens = new TreeMap<>();
  private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
  private int writeQueueMaxBytes = DEFAULT_WRITE_QUEUE_MAX_BYTES;
  private int slowReaderTimeoutMs = DEFAULT_SLOW_READER_TIMEOUT_MS;
  private PartnerBridgeTlsOptions tls = new PartnerBridgeTlsOptions();

  public PartnerBridgeOptions() {}

  public PartnerBridgeOptions(PartnerBridgeOptions other) {
    this.enabled = other.enabled;
    this.host = other.host;
    this.port = other.port;
    this.idleTimeoutSeconds = other.idleTimeoutSeconds;
    this.tokens = new TreeMap<>(other.tokens);
    this.maxFrameBytes = other.maxFrameBytes;
    this.maxConnections = other.maxConnections;
    this.maxConnectionsPerAddress = other.maxConnectionsPerAddress;
    this.writeQueueMaxBytes = other.writeQueueMaxBytes;
    this.slowReaderTimeoutMs = other.slowReaderTimeoutMs;
    this.tls = other.tls;
  }

  public PartnerBridgeOptions(JsonObject json) {
    Objects.requireNonNull(json, "json");
    ConfigValues c = new ConfigValues(json, "bridge");
    setEnabled(c.bool("enabled", DEFAULT_ENABLED));
    setHost(c.string("host", host));
    setPort(c.integer("port", port));
    setIdleTimeoutSeconds(c.integer("idleTimeoutSeconds", idleTimeoutSeconds));
    setMaxFrameBytes(c.integer("maxFrameBytes", maxFrameBytes));
    setMaxConnections(c.integer("maxConnections", maxConnections));
    setMaxConnectionsPerAddress(c.integer("maxConnectionsPerAddress", maxConnectionsPerAddress));
    setWriteQueueMaxBytes(c.integer("writeQueueMaxBytes", writeQueueMaxBytes));
    setSlowReaderTimeoutMs(c.integer("slowReaderTimeoutMs", slowReaderTimeoutMs));
    setTls(PartnerBridgeTlsOptions.from(json.getValue("tls")));
    Object t = json.getValue("tokens");
    if (t != null) {
      setTokens(parseTokens(t));
    }
  }

  /** The config as JSON, with every token masked (safe to log). */
  public JsonObject toJson() {
    JsonObject masked = new JsonObject();
    tokens.keySet().forEach(dpid -> masked.put(Integer.toString(dpid), "***"));
    return new JsonObject()
        .put("enabled", enabled)
        .put("host", host)
        .put("port", port)
        .put("idleTimeoutSeconds", idleTimeoutSeconds)
        .put("maxFrameBytes", maxFrameBytes)
        .put("maxConnections", maxConnections)
        .put("maxConnectionsPerAddress", maxConnectionsPerAddress)
        .put("writeQueueMaxBytes", writeQueueMaxBytes)
        .put("slowReaderTimeoutMs", slowReaderTimeoutMs)
        .put("tls", tls.toJson())
        .put("tokens", masked);
  }

  public boolean isEnabled() {
    return enabled;
  }

  public PartnerBridgeOptions setEnabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  public String getHost() {
    return host;
  }

  public PartnerBridgeOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("bridge.host: must not be blank");
    }
    this.host = host;
    return this;
  }

  public int getPort() {
    return port;
  }

  /** 0 picks a free port (tests). */
  public PartnerBridgeOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bridge.port: expected 0-65535, got " + port);
    }
    this.port = port;
    return this;
  }

  public int getIdleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }

  /**
   * A connection that neither sends nor receives anything for this long is closed (0 = never);
   * partners ping more often than this.
   */
  public PartnerBridgeOptions setIdleTimeoutSeconds(int seconds) {
    if (seconds < 0 || seconds > 86_400) {
      throw new IllegalArgumentException(
          "bridge.idleTimeoutSeconds: expected 0 (never) to 86400, got " + seconds);
    }
    this.idleTimeoutSeconds = seconds;
    return this;
  }

  public int getMaxFrameBytes() {
    return maxFrameBytes;
  }

  /**
   * The largest frame a client may declare (the 4-byte length before each JSON frame). A larger
   * declared length closes the connection before any of it is read, authenticated or not.
   */
  public PartnerBridgeOptions setMaxFrameBytes(int bytes) {
    this.maxFrameBytes = inRange(bytes, 1_024, 16 * 1024 * 1024, "bridge.maxFrameBytes");
    return this;
  }

  public int getMaxConnections() {
    return maxConnections;
  }

  /** Open connections this bridge accepts at once; the next ones are closed at accept. */
  public PartnerBridgeOptions setMaxConnections(int connections) {
    this.maxConnections = inRange(connections, 1, 100_000, "bridge.maxConnections");
    return this;
  }

  public int getMaxConnectionsPerAddress() {
    return maxConnectionsPerAddress;
  }

  /** Open connections from one source IP address; the next ones are closed at accept. */
  public PartnerBridgeOptions setMaxConnectionsPerAddress(int connections) {
    this.maxConnectionsPerAddress =
        inRange(connections, 1, 100_000, "bridge.maxConnectionsPerAddress");
    return this;
  }

  public int getWriteQueueMaxBytes() {
    return writeQueueMaxBytes;
  }

  /** Bytes queued to one client beyond what its socket accepted before the queue counts as full. */
  public PartnerBridgeOptions setWriteQueueMaxBytes(int bytes) {
    this.writeQueueMaxBytes =
        inRange(bytes, 16 * 1024, 64 * 1024 * 1024, "bridge.writeQueueMaxBytes");
    return this;
  }

  public int getSlowReaderTimeoutMs() {
    return slowReaderTimeoutMs;
  }

  /** A client whose write queue stays full this long is disconnected (a reader too slow). */
  public PartnerBridgeOptions setSlowReaderTimeoutMs(int ms) {
    this.slowReaderTimeoutMs = inRange(ms, 100, 600_000, "bridge.slowReaderTimeoutMs");
    return this;
  }

  public PartnerBridgeTlsOptions getTls() {
    return tls;
  }

  public PartnerBridgeOptions setTls(PartnerBridgeTlsOptions tls) {
    this.tls = Objects.requireNonNull(tls, "tls");
    return this;
  }

  private static int inRange(int value, int min, int max, String key) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + ": expected " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  /** dpid -> token, read only. */
  public Map<Integer, String> getTokens() {
    return Collections.unmodifiableMap(tokens);
  }

  public PartnerBridgeOptions setTokens(Map<Integer, String> tokens) {
    Objects.requireNonNull(tokens, "tokens");
    Map<Integer, String> copy = new TreeMap<>();
    tokens.forEach(
        (dpid, token) -> {
          checkDpid(dpid == null ? 0 : dpid, String.valueOf(dpid));
          copy.put(dpid, checkToken(token, dpid));
        });
    this.tokens = copy;
    return this;
  }

  /** Adds or replaces one partner's token. */
  public PartnerBridgeOptions putToken(int dpid, String token) {
    checkDpid(dpid, Integer.toString(dpid));
    tokens.put(dpid, checkToken(token, dpid));
    return this;
  }

  private static Map<Integer, String> parseTokens(Object value) {
    Map<Integer, String> out = new TreeMap<>();
    if (value instanceof JsonObject json) {
      for (String key : json.fieldNames()) {
        Object token = json.getValue(key);
        if (!(token instanceof String s)) {
          throw new IllegalArgumentException(
              "bridge.tokens." + key + ": expected a string token, got a " + typeName(token));
        }
        out.put(dpid(key), s);
      }
    } else if (value instanceof String s) {
      for (String pair : s.split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException(
              "bridge.tokens: expected \"<dpid>:<token>,...\", got an entry without ':'");
        }
        out.put(dpid(pair.substring(0, colon).trim()), pair.substring(colon + 1).trim());
      }
    } else {
      throw new IllegalArgumentException(
          "bridge.tokens: expected an object {\"<dpid>\": \"<token>\"}, got a " + typeName(value));
    }
    return out;
  }

  private static int dpid(String key) {
    try {
      int dpid = Integer.parseInt(key);
      checkDpid(dpid, key);
      return dpid;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bridge.tokens: keys are partner dpids (1-2147483647), got '" + key + "'");
    }
  }

  private static void checkDpid(int dpid, String shown) {
    if (dpid < 1) {
      throw new IllegalArgumentException(
          "bridge.tokens: keys are partner dpids (1-2147483647), got '" + shown + "'");
    }
  }

  private static String checkToken(String token, int dpid) {
    return BridgeToken.check(token, "bridge.tokens." + dpid);
  }

  private static String typeName(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName();
  }
}
