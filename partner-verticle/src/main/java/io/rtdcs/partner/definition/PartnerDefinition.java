package io.rtdcs.partner.definition;

import io.rtdcs.partner.bridge.BridgeToken;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One partner, as data: the JSON the admin API and the config's {@code definitions} take
 * (docs/event-bus.md, "Definitions"). {@link #fromJson} validates and applies defaults; every error
 * is an {@link IllegalArgumentException} whose message is {@code "<field>: <reason>"}.
 */
public final class PartnerDefinition {
  public static final int MAX_DPID = Integer.MAX_VALUE;
  public static final long DEFAULT_TIMEOUT_MS = 100;
  public static final long MAX_TIMEOUT_MS = 60_000;
  public static final long DEFAULT_CACHE_TTL_SECONDS = 600;
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;
  public static final int DEFAULT_MAX_SEGMENTS = 100;
  public static final int DEFAULT_MAX_BODY_BYTES = 65_536;
  public static final int MAX_BODY_BYTES_LIMIT = 16 * 1024 * 1024;

  private final int dpid;
  private final String name;
  private final PartnerType type;
  private final boolean enabled;
  private final String url;
  private final HttpMethodKind method;
  private final long timeoutMs;
  private final List<String> signals;
  private final boolean requiresSync;
  private final long cacheTtlSeconds;
  private final int maxInFlight;
  private final int maxSegments;
  private final int maxBodyBytes;
  private final BreakerSettings breaker;
  private final SigningSettings signing;
  private final SyncSettings sync;
  private final String bridgeToken;

  /** POST (JSON body) or GET (URL template). */
  public enum HttpMethodKind {
    POST,
    GET
  }

  private PartnerDefinition(JsonObject json) {
    JsonFields f = new JsonFields(json, "");
    this.dpid = (int) f.integer("dpid", 1, MAX_DPID, null);
    this.name = f.string("name", "partner " + dpid);
    this.type = PartnerType.parse(f.string("type", PartnerType.HTTP.wire()));
    this.enabled = f.bool("enabled", true);
    String methodText = f.string("method", "POST").toUpperCase(Locale.ROOT);
    if (!methodText.equals("POST") && !methodText.equals("GET")) {
      throw JsonFields.invalid("method", "must be POST or GET");
    }
    this.method = HttpMethodKind.valueOf(methodText);
    if (type == PartnerType.HTTP) {
      this.url = f.nonBlank("url", null);
      checkHttpUrl(url);
    } else {
      this.url = f.has("url") ? f.string("url", "") : null;
    }
    this.timeoutMs = f.integer("timeoutMs", 1, MAX_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
    this.signals = List.copyOf(f.strings("signals"));
    for (int i = 0; i < signals.size(); i++) {
      String key = signals.get(i);
      if (key.isEmpty()) {
        throw JsonFields.invalid("signals[" + i + "]", "must not be empty");
      }
      if (key.startsWith("p_")) {
        throw JsonFields.invalid("signals[" + i + "]", "p_ keys are private and never sent");
      }
    }
    this.requiresSync = f.bool("requiresSync", false);
    this.cacheTtlSeconds = f.integer("cacheTtlSeconds", 0, 31_536_000, DEFAULT_CACHE_TTL_SECONDS);
    this.maxInFlight = (int) f.integer("maxInFlight", 1, 1_000_000, (long) DEFAULT_MAX_IN_FLIGHT);
    this.maxSegments =
        (int)
            f.integer(
                "maxSegments",
                1,
                io.rtdcs.common.Limits.MAX_PARTNER_SEGMENTS,
                (long) DEFAULT_MAX_SEGMENTS);
    this.maxBodyBytes =
        (int) f.integer("maxBodyBytes", 16, MAX_BODY_BYTES_LIMIT, (long) DEFAULT_MAX_BODY_BYTES);
    this.breaker = BreakerSettings.fromJson(f.object("breaker"), "breaker");
    this.signing = SigningSettings.fromJson(f.object("signing"), "signing");
    this.sync = SyncSettings.fromJson(f.object("sync"), "sync");
    this.bridgeToken = bridgeToken(f.object("bridge"), type);
  }

  /** {@code bridge.token}: the token an event-bus partner registers with on the TCP bridge. */
  private static String bridgeToken(JsonObject bridge, PartnerType type) {
    if (bridge == null) {
      return null;
    }
    if (type != PartnerType.EVENTBUS) {
      throw JsonFields.invalid("bridge", "only a partner of type eventbus registers on the bridge");
    }
    Object token = bridge.getValue("token");
    if (!(token instanceof String s)) {
      throw JsonFields.invalid("bridge.token", "must be a string");
    }
    try {
      return BridgeToken.check(s, "bridge.token");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage()); // never the token itself
    }
  }

  /** Validates and applies defaults; throws {@code IllegalArgumentException("<field>: <why>")}. */
  public static PartnerDefinition fromJson(JsonObject json) {
    Objects.requireNonNull(json, "json");
    return new PartnerDefinition(json);
  }

  /** Parses the stored form (the JSON string in {@code rtdcs.partners}). */
  public static PartnerDefinition fromJsonString(String text) {
    try {
      return fromJson(new JsonObject(text));
    } catch (DecodeException | ClassCastException e) {
      throw JsonFields.invalid("definition", "must be a JSON object");
    }
  }

  private static void checkHttpUrl(String url) {
    String probe = url.replace("${UUID}", "u").replace("${DPUUID}", "d").replace("${TMAX}", "1");
    try {
      URI uri = new URI(probe);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw JsonFields.invalid("url", "must be an absolute http(s) URL");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw JsonFields.invalid("url", "must name a host");
      }
    } catch (URISyntaxException e) {
      throw JsonFields.invalid("url", "is not a valid URL (" + e.getReason() + ")");
    }
  }

  /** The stored form: every field, defaults included. */
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("dpid", dpid)
            .put("name", name)
            .put("type", type.wire())
            .put("enabled", enabled);
    if (url != null) {
      json.put("url", url);
    }
    json.put("method", method.name())
        .put("timeoutMs", timeoutMs)
        .put("signals", new JsonArray(List.copyOf(signals)))
        .put("requiresSync", requiresSync)
        .put("cacheTtlSeconds", cacheTtlSeconds)
        .put("maxInFlight", maxInFlight)
        .put("maxSegments", maxSegments)
        .put("maxBodyBytes", maxBodyBytes)
        .put("breaker", breaker.toJson());
    if (signing != null) {
      json.put("signing", signing.toJson());
    }
    if (sync != null) {
      json.put("sync", sync.toJson());
    }
    if (bridgeToken != null) {
      json.put("bridge", new JsonObject().put("token", bridgeToken));
    }
    return json;
  }

  public int dpid() {
    return dpid;
  }

  public String name() {
    return name;
  }

  public PartnerType type() {
    return type;
  }

  public boolean enabled() {
    return enabled;
  }

  public String url() {
    return url;
  }

  public HttpMethodKind method() {
    return method;
  }

  public long timeoutMs() {
    return timeoutMs;
  }

  public List<String> signals() {
    return signals;
  }

  public boolean requiresSync() {
    return requiresSync;
  }

  public long cacheTtlSeconds() {
    return cacheTtlSeconds;
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  public int maxSegments() {
    return maxSegments;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public BreakerSettings breaker() {
    return breaker;
  }

  /** Null when requests are not signed. */
  public SigningSettings signing() {
    return signing;
  }

  /** Null when the partner has no ID sync. */
  public SyncSettings sync() {
    return sync;
  }

  /** The token this partner registers with on the TCP event-bus bridge, or null (none). */
  public String bridgeToken() {
    return bridgeToken;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartnerDefinition other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "PartnerDefinition{dpid=" + dpid + ", name=" + name + ", type=" + type.wire() + "}";
  }
}
