package io.rtdcs.segment;

import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.vertx.core.json.JsonObject;

/**
 * segment-verticle's config: {@code definitions} (seeded once per cluster), {@code idTtlDays} (life
 * of an ID-graph link, renewed when seen) and {@code egress.allow} (the internal addresses
 * server-to-server destinations may reach, {@link OutboundAddressPolicy}).
 */
public final class SegmentOptions {
  public static final int DEFAULT_ID_TTL_DAYS = 120;

  private JsonObject definitions = new JsonObject();
  private int idTtlDays = DEFAULT_ID_TTL_DAYS;
  private OutboundAddressPolicy egress = OutboundAddressPolicy.DEFAULT;

  /** The keys of the node's {@code segment} section this verticle reads (docs/configuration.md). */
  public static final String[] KEYS = {"idTtlDays"};

  public SegmentOptions() {}

  public SegmentOptions(JsonObject json) {
    Object defs = json.getValue("definitions");
    if (defs != null && !(defs instanceof JsonObject)) {
      throw new IllegalArgumentException("definitions: must be an object");
    }
    if (defs != null) {
      setDefinitions((JsonObject) defs);
    }
    Object ttl = json.getValue("idTtlDays");
    if (ttl != null) {
      if (!(ttl instanceof Integer)) {
        throw new IllegalArgumentException("idTtlDays: must be an integer");
      }
      setIdTtlDays((Integer) ttl);
    }
    setEgress(OutboundAddressPolicy.fromVerticleConfig(json));
  }

  public OutboundAddressPolicy egress() {
    return egress;
  }

  public SegmentOptions setEgress(OutboundAddressPolicy egress) {
    if (egress == null) {
      throw new IllegalArgumentException("egress: must not be null");
    }
    this.egress = egress;
    return this;
  }

  public JsonObject definitions() {
    return definitions;
  }

  public SegmentOptions setDefinitions(JsonObject definitions) {
    if (definitions == null) {
      throw new IllegalArgumentException("definitions: must not be null");
    }
    this.definitions = definitions.copy();
    return this;
  }

  public int idTtlDays() {
    return idTtlDays;
  }

  public SegmentOptions setIdTtlDays(int idTtlDays) {
    if (idTtlDays < 1 || idTtlDays > 3650) {
      throw new IllegalArgumentException("idTtlDays: must be 1 to 3650, was " + idTtlDays);
    }
    this.idTtlDays = idTtlDays;
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("definitions", definitions.copy())
        .put("idTtlDays", idTtlDays)
        .put(OutboundAddressPolicy.KEY, egress.toJson());
  }
}
