package io.rtdcs.dcs.http;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON Schemas of the admin API's definitions, taken from {@link ApiDocument}'s {@code
 * components/schemas} (Partner, Trait, Segment, Destination, MergeRule): a PUT body is checked
 * against its kind's schema before anything is sent, so an unknown or misspelt field ({@code
 * timeoutMS}) is refused with its name. Only the admin path uses it; {@code /event} never does.
 */
public final class DefinitionSchemas {
  private static final String DOCUMENT = "openapi.json";
  private static final Map<String, String> SCHEMAS =
      Map.of(
          "partners", "Partner",
          "traits", "Trait",
          "segments", "Segment",
          "destinations", "Destination",
          // the admin path's kind, and the key of the config section and of an export document
          "merge-rules", "MergeRule",
          "mergeRules", "MergeRule");

  private final Map<String, Validator> validators;

  public DefinitionSchemas() {
    JsonSchemaOptions options =
        new JsonSchemaOptions()
            .setDraft(Draft.DRAFT202012)
            .setBaseUri("https://rtdcs.invalid/")
            .setOutputFormat(OutputFormat.Basic);
    SchemaRepository repository = SchemaRepository.create(options);
    repository.dereference(DOCUMENT, JsonSchema.of(ApiDocument.json()));
    this.validators =
        Map.copyOf(
            SCHEMAS.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey,
                        e ->
                            repository.validator(
                                DOCUMENT + "#/components/schemas/" + e.getValue()))));
  }

  /**
   * Null when {@code definition} fits the schema of {@code kind}, else {@code "<field>: <why>"}
   * ({@code "timeoutMS: unknown field of a partner definition"}).
   */
  public String problem(String kind, JsonObject definition) {
    Validator validator = validators.get(kind);
    if (validator == null) {
      throw new IllegalArgumentException("no schema for kind " + kind);
    }
    OutputUnit result = validator.validate(definition);
    if (Boolean.TRUE.equals(result.getValid())) {
      return null;
    }
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    OutputUnit worst =
        errors.stream()
            .filter(e -> e.getError() != null)
            .max(Comparator.comparingLong(DefinitionSchemas::specificity))
            .orElse(result);
    return describe(kind, worst);
  }

  /**
   * Unknown fields first, then the deepest error in the instance, then in the schema (a missing
   * property of an {@code if}/{@code then} before the {@code allOf} around it): it names the field
   * the caller must fix.
   */
  private static long specificity(OutputUnit e) {
    long depth = e.getInstanceLocation() == null ? 0 : e.getInstanceLocation().length();
    long keyword = e.getKeywordLocation() == null ? 0 : e.getKeywordLocation().length();
    return (isUnknownField(e) ? 1L << 40 : 0) + (depth << 20) + keyword;
  }

  private static boolean isUnknownField(OutputUnit e) {
    return e.getKeywordLocation() != null
        && e.getKeywordLocation().endsWith("/additionalProperties");
  }

  private static String describe(String kind, OutputUnit e) {
    String field = field(e.getInstanceLocation());
    // MergeRule -> merge rule
    String noun = SCHEMAS.get(kind).replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    if (isUnknownField(e)) {
      return field + ": unknown field of a " + noun + " definition (see /openapi.json)";
    }
    String reason = e.getError() == null ? "does not match the schema" : e.getError();
    return (field.isEmpty() ? "definition" : field) + ": " + reason;
  }

  /** {@code /mappings/0/segmnt} -> {@code mappings[0].segmnt}. */
  static String field(String pointer) {
    if (pointer == null || pointer.isEmpty() || pointer.equals("#")) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String part : pointer.replaceFirst("^#", "").split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String name = part.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit)) {
        out.append('[').append(name).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(name);
      }
    }
    return out.toString();
  }
}
