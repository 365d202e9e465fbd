package io.rtdcs.bench.load;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a load test wants from the JSON answer of {@code /event?d_rtbd=json}: the visitor's {@code
 * uuid}, the {@code traits} and {@code segments} realized and the {@code errors[].code}s. A field
 * that is missing or of another type reads as empty; a body that is no JSON object reads as {@link
 * #EMPTY}.
 */
public record AnswerBody(
    String uuid, List<Long> traits, List<Long> segments, List<Integer> errorCodes) {
  /** No uuid, no traits, no segments, no errors. */
  public static final AnswerBody EMPTY = new AnswerBody("", List.of(), List.of(), List.of());

  public AnswerBody {
    uuid = uuid == null ? "" : uuid;
    traits = List.copyOf(traits);
    segments = List.copyOf(segments);
    errorCodes = List.copyOf(errorCodes);
  }

  /** Reads {@code body} leniently: never throws. */
  public static AnswerBody parse(Buffer body) {
    if (body == null || body.length() == 0 || body.getByte(0) != '{') {
      return EMPTY;
    }
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (RuntimeException notJson) {
      return EMPTY;
    }
    Object uuid = json.getValue("uuid");
    return new AnswerBody(
        uuid instanceof String s ? s : "",
        ids(json.getValue("traits")),
        ids(json.getValue("segments")),
        codes(json.getValue("errors")));
  }

  /**
   * The same as {@link #parse} when {@code body} may hold an error code, otherwise {@link #EMPTY}
   * without parsing: enough to classify a call when nobody wants its uuid, traits or segments.
   */
  static AnswerBody parseIfErrors(Buffer body) {
    if (body == null || body.toString().indexOf("\"code\"") < 0) {
      return EMPTY;
    }
    return parse(body);
  }

  private static List<Long> ids(Object value) {
    if (!(value instanceof JsonArray array)) {
      return List.of();
    }
    List<Long> out = new ArrayList<>(array.size());
    for (Object item : array) {
      Long id = number(item);
      if (id != null) {
        out.add(id);
      }
    }
    return out;
  }

  private static List<Integer> codes(Object value) {
    if (!(value instanceof JsonArray array)) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>(array.size());
    for (Object item : array) {
      if (item instanceof JsonObject error) {
        Long code = number(error.getValue("code"));
        if (code != null) {
          out.add(code.intValue());
        }
      }
    }
    return out;
  }

  private static Long number(Object item) {
    if (item instanceof Number n) {
      return n.longValue();
    }
    if (item instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }
}
