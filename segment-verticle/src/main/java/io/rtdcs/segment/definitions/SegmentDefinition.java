package io.rtdcs.segment.definitions;

import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.rtdcs.rules.RuleSyntaxException;
import io.rtdcs.rules.SegmentRule;
import io.vertx.core.json.JsonObject;

/**
 * A validated segment definition with its compiled rule and the {@link MergeRule} whose profiles
 * the rule sees ({@code mergeRule}, default {@value MergeRule#DEFAULT_ID}).
 */
public record SegmentDefinition(
    int id, String name, SegmentRule rule, int mergeRule, JsonObject json) {

  public static final int MAX_RULE_LENGTH = 100_000;

  public static SegmentDefinition fromJson(JsonObject in) {
    int id = JsonFields.requirePositiveInt(in, "id", "id");
    String name = JsonFields.requireString(in, "name", "name");
    String source = JsonFields.requireString(in, "rule", "rule");
    if (source.length() > MAX_RULE_LENGTH) {
      throw RequestException.badRequest("rule", "longer than " + MAX_RULE_LENGTH + " characters");
    }
    SegmentRule rule;
    try {
      rule = SegmentRule.parse(source);
    } catch (RuleSyntaxException e) {
      throw RequestException.badRequest("rule", e.getMessage());
    }
    int mergeRule = JsonFields.optInt(in, "mergeRule", "mergeRule", MergeRule.DEFAULT_ID);
    if (mergeRule < 0) {
      throw RequestException.badRequest("mergeRule", "must be a merge rule id (0 or positive)");
    }
    JsonObject json = in.copy().put("id", id).put("name", name).put("rule", source);
    return new SegmentDefinition(id, name, rule, mergeRule, json);
  }
}
