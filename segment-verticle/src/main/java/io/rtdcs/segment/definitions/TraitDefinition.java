package io.rtdcs.segment.definitions;

import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.rtdcs.rules.RuleSyntaxException;
import io.rtdcs.rules.TraitRule;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * A validated trait definition with its compiled rule (rule-based traits only). {@link #fromJson}
 * refuses anything wrong with a 400 naming the field.
 */
public record TraitDefinition(
    int sid,
    String name,
    Type type,
    int dataSource,
    TraitRule rule,
    int dpid,
    String segment,
    int ttlDays,
    JsonObject json) {

  public static final int DEFAULT_TTL_DAYS = 120;
  public static final int MAX_TTL_DAYS = 3650;
  public static final int MAX_RULE_LENGTH = 10_000;

  /** How a trait qualifies. */
  public enum Type {
    RULE,
    PARTNER,
    ONBOARDED;

    String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** At most this many realizations are counted for the type (onboarded: one). */
  public long maxCount() {
    return type == Type.ONBOARDED ? 1 : Long.MAX_VALUE;
  }

  public static TraitDefinition fromJson(JsonObject in) {
    int sid = JsonFields.requirePositiveInt(in, "sid", "sid");
    String name = JsonFields.requireString(in, "name", "name");
    String typeName = JsonFields.optString(in, "type", "type", "rule");
    Type type =
        switch (typeName) {
          case "rule" -> Type.RULE;
          case "partner" -> Type.PARTNER;
          case "onboarded" -> Type.ONBOARDED;
          default ->
              throw RequestException.badRequest("type", "must be rule, partner or onboarded");
        };
    int dataSource = JsonFields.optInt(in, "dataSource", "dataSource", 0);
    if (dataSource < 0) {
      throw RequestException.badRequest("dataSource", "must be >= 0");
    }
    int ttlDays = JsonFields.optInt(in, "ttlDays", "ttlDays", DEFAULT_TTL_DAYS);
    if (ttlDays < 0 || ttlDays > MAX_TTL_DAYS) {
      throw RequestException.badRequest("ttlDays", "must be 0 (never expires) to " + MAX_TTL_DAYS);
    }
    JsonObject json =
        in.copy()
            .put("sid", sid)
            .put("name", name)
            .put("type", type.jsonName())
            .put("dataSource", dataSource)
            .put("ttlDays", ttlDays);
    TraitRule rule = null;
    int dpid = 0;
    String segment = null;
    switch (type) {
      case RULE -> rule = compile(JsonFields.requireString(in, "rule", "rule"));
      case PARTNER -> {
        dpid = JsonFields.requirePositiveInt(in, "dpid", "dpid");
        segment = JsonFields.requireString(in, "segment", "segment");
      }
      default -> {}
    }
    return new TraitDefinition(sid, name, type, dataSource, rule, dpid, segment, ttlDays, json);
  }

  static TraitRule compile(String source) {
    if (source.length() > MAX_RULE_LENGTH) {
      throw RequestException.badRequest("rule", "longer than " + MAX_RULE_LENGTH + " characters");
    }
    try {
      return TraitRule.parse(source);
    } catch (RuleSyntaxException e) {
      throw RequestException.badRequest("rule", e.getMessage());
    }
  }
}
