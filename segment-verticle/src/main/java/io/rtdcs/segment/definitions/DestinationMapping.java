package io.rtdcs.segment.definitions;

import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** One segment mapped to a destination value, optionally only from {@code start} to {@code end}. */
public record DestinationMapping(int segment, String value, LocalDate start, LocalDate end) {

  /** Active on {@code day} (UTC): start and end are inclusive, absent means unbounded. */
  public boolean activeOn(LocalDate day) {
    return (start == null || !day.isBefore(start)) && (end == null || !day.isAfter(end));
  }

  static DestinationMapping fromJson(Object raw, String field) {
    JsonObject in = JsonFields.object(raw, field);
    int segment = JsonFields.requirePositiveInt(in, "segment", field + ".segment");
    String value = JsonFields.requireString(in, "value", field + ".value");
    LocalDate start = date(in, "start", field);
    LocalDate end = date(in, "end", field);
    if (start != null && end != null && end.isBefore(start)) {
      throw RequestException.badRequest(field + ".end", "must not be before start");
    }
    return new DestinationMapping(segment, value, start, end);
  }

  private static LocalDate date(JsonObject in, String key, String field) {
    String s = JsonFields.optString(in, key, field + "." + key, null);
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw RequestException.badRequest(field + "." + key, "must be an ISO date (yyyy-MM-dd)");
    }
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("segment", segment)
        .put("value", value)
        .put("start", start == null ? null : start.toString())
        .put("end", end == null ? null : end.toString());
  }
}
