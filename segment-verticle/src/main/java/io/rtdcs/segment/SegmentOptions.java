package io.rtdcs.segment;

import io.rtdcs.common.ConfigValues;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.vertx.core.json.JsonObject;

/**
 * segment-verticle's config: {@code definitions} (seeded once per cluster), {@code idTtlDays} (life
 * of an ID-graph link, renewed when seen), {@code maxMergeRules} (Profile Merge Rules the cluster
 * may define, rule 0 counted when defined) and {@code egress.allow} (the internal addresses
 * server-to-server destinations may reach, {@link OutboundAddressPolicy}).
 */
public final class SegmentOptions {
  public static final int DEFAULT_ID_TTL_DAYS = 120;

  /** Audience Manager's limit: 4 Profile Merge Rules per account (more are sold separately). */
  public static final int DEFAULT_MAX_MERGE_RULES = 4;

  public static final int MAX_MAX_MERGE_RULES = 100;

  private JsonObject definitions = new JsonObject();
  private int idTtlDays = DEFAULT_ID_TTL_DAYS;
  private int maxMergeRules = DEFAULT_MAX_MERGE_RULES;
  private OutboundAddressPolicy egress = OutboundAddressPolicy.DEFAULT;

  /** The keys of the node's {@code segment} section this verticle reads (docs/configuration.md). */
  public static final String[] KEYS = {"idTtlDays", "maxMergeRules"};

  public SegmentOptions() {}

  public SegmentOptions(JsonObject json) {
    Object defs = json.getValue("definitions");
    if (defs != null && !(defs instanceof JsonObject)) {
      throw new IllegalArgumentException("definitions: must be an object");
    }
    if (defs != null) {
      setDefinitions((JsonObject) defs);
    }
    ConfigValues c = new ConfigValues(json);
    setIdTtlDays(c.integer("idTtlDays", idTtlDays));
    setMaxMergeRules(c.integer("maxMergeRules", maxMergeRules));
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

  public int maxMergeRules() {
    return maxMergeRules;
  }

  public SegmentOptions setMaxMergeRules(int maxMergeRules) {
    if (maxMergeRules < 1 || maxMergeRules > MAX_MAX_MERGE_RULES) {
      throw new IllegalArgumentException(
          "maxMergeRules: must be 1 to " + MAX_MAX_MERGE_RULES + ", was " + maxMergeRules);
    }
    this.maxMergeRules = maxMergeRules;
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("definitions", definitions.copy())
        .put("idTtlDays", idTtlDays)
        .put("maxMergeRules", maxMergeRules)
        .put(OutboundAddressPolicy.KEY, egress.toJson());
  }
}
