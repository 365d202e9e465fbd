package io.rtdcs.partner;

import io.rtdcs.common.ConfigValues;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The verticle config: {@code definitions} (seeded once per cluster), {@code http.maxPoolSize}
 * (connections per partner host and verticle instance), {@code lookup.replyMarginMs} (kept for the
 * reply's hop back), {@code warmup.enabled} and {@code warmup.maxSeconds} (the client warm-up at
 * start, {@link PartnerClientWarmup}: true, at most 5 s) and {@code egress.allow} (the internal
 * addresses partner URLs may reach, {@link OutboundAddressPolicy}). Invalid config fails the
 * deployment with the key's name.
 */
public final class PartnerVerticleOptions {
  public static final int DEFAULT_MAX_POOL_SIZE = 64;
  public static final long DEFAULT_REPLY_MARGIN_MS = 10;
  public static final long DEFAULT_WARMUP_MAX_SECONDS =
      PartnerWarmupSettings.DEFAULT.maxDurationMs() / 1_000;

  private int maxPoolSize = DEFAULT_MAX_POOL_SIZE;
  private long replyMarginMs = DEFAULT_REPLY_MARGIN_MS;
  private boolean warmupEnabled = true;
  private long warmupMaxSeconds = DEFAULT_WARMUP_MAX_SECONDS;
  private List<PartnerDefinition> definitions = List.of();
  private OutboundAddressPolicy egress = OutboundAddressPolicy.DEFAULT;

  /** The keys of the node's {@code partner} section this verticle reads (docs/configuration.md). */
  public static final String[] KEYS = {
    "http.maxPoolSize", "lookup.replyMarginMs", "warmup.enabled", "warmup.maxSeconds"
  };

  public PartnerVerticleOptions() {}

  public PartnerVerticleOptions(JsonObject config) {
    JsonObject json = config == null ? new JsonObject() : config;
    // dotted ("http.maxPoolSize") or nested ({"http": {"maxPoolSize": 16}}), typed, named on error
    ConfigValues c = new ConfigValues(json);
    setMaxPoolSize(c.longValue("http.maxPoolSize", DEFAULT_MAX_POOL_SIZE));
    setReplyMarginMs(c.longValue("lookup.replyMarginMs", DEFAULT_REPLY_MARGIN_MS));
    setWarmupEnabled(c.bool("warmup.enabled", true));
    setWarmupMaxSeconds(c.longValue("warmup.maxSeconds", DEFAULT_WARMUP_MAX_SECONDS));
    setEgress(OutboundAddressPolicy.fromVerticleConfig(json));
    Object defs = json.getValue("definitions");
    if (defs != null) {
      if (!(defs instanceof JsonArray array)) {
        throw new IllegalArgumentException("definitions: must be an array");
      }
      List<PartnerDefinition> parsed = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        Object item = array.getValue(i);
        if (!(item instanceof JsonObject obj)) {
          throw new IllegalArgumentException("definitions[" + i + "]: must be an object");
        }
        try {
          parsed.add(PartnerDefinition.fromJson(obj));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("definitions[" + i + "]." + e.getMessage(), e);
        }
      }
      definitions = List.copyOf(parsed);
    }
  }

  public int getMaxPoolSize() {
    return maxPoolSize;
  }

  public PartnerVerticleOptions setMaxPoolSize(long maxPoolSize) {
    if (maxPoolSize < 1 || maxPoolSize > 10_000) {
      throw new IllegalArgumentException("http.maxPoolSize: must be between 1 and 10000");
    }
    this.maxPoolSize = (int) maxPoolSize;
    return this;
  }

  public long getReplyMarginMs() {
    return replyMarginMs;
  }

  public PartnerVerticleOptions setReplyMarginMs(long replyMarginMs) {
    if (replyMarginMs < 0 || replyMarginMs > 1_000) {
      throw new IllegalArgumentException("lookup.replyMarginMs: must be between 0 and 1000");
    }
    this.replyMarginMs = replyMarginMs;
    return this;
  }

  public boolean isWarmupEnabled() {
    return warmupEnabled;
  }

  public PartnerVerticleOptions setWarmupEnabled(boolean warmupEnabled) {
    this.warmupEnabled = warmupEnabled;
    return this;
  }

  public long getWarmupMaxSeconds() {
    return warmupMaxSeconds;
  }

  public PartnerVerticleOptions setWarmupMaxSeconds(long warmupMaxSeconds) {
    if (warmupMaxSeconds < 1 || warmupMaxSeconds > 60) {
      throw new IllegalArgumentException("warmup.maxSeconds: must be between 1 and 60");
    }
    this.warmupMaxSeconds = warmupMaxSeconds;
    return this;
  }

  /** The client warm-up's settings: the defaults, within {@code warmup.maxSeconds}. */
  PartnerWarmupSettings warmupSettings() {
    return PartnerWarmupSettings.DEFAULT.withMaxDurationMs(warmupMaxSeconds * 1_000);
  }

  /** The internal addresses partner URLs may reach; by default none. */
  public OutboundAddressPolicy getEgress() {
    return egress;
  }

  public PartnerVerticleOptions setEgress(OutboundAddressPolicy egress) {
    this.egress = java.util.Objects.requireNonNull(egress, "egress");
    return this;
  }

  public List<PartnerDefinition> getDefinitions() {
    return definitions;
  }

  public JsonObject toJson() {
    JsonArray defs = new JsonArray();
    definitions.forEach(d -> defs.add(d.toJson()));
    return new JsonObject()
        .put("http.maxPoolSize", maxPoolSize)
        .put("lookup.replyMarginMs", replyMarginMs)
        .put("warmup.enabled", warmupEnabled)
        .put("warmup.maxSeconds", warmupMaxSeconds)
        .put(OutboundAddressPolicy.KEY, egress.toJson())
        .put("definitions", defs);
  }
}
