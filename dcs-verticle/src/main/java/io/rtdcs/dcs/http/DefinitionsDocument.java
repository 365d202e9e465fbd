package io.rtdcs.dcs.http;

import io.rtdcs.common.Addresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The definitions document of {@code GET /admin/export} and {@code POST /admin/import}: {@code
 * {"format": "rtdcs-definitions/1", "partners": [...], "traits": [...], "segments": [...],
 * "destinations": [...], "mergeRules": [...]}}, each kind sorted by id and every object's keys
 * sorted, so that two exports of the same definitions are byte for byte the same and diff well in
 * git. An export always has {@code mergeRules}; an import may lack it (a document exported before
 * merge rules existed): the stored merge rules then stay as they are.
 */
final class DefinitionsDocument {
  static final String FORMAT = "rtdcs-definitions/1";

  /** Kind -> the field that holds an item's id, in document order. */
  static final Map<String, String> ID_FIELDS = idFields();

  /** Kind -> the admin address that lists it. */
  static final Map<String, String> ADDRESSES =
      Map.of(
          "partners", Addresses.ADMIN_PARTNERS,
          "traits", Addresses.ADMIN_TRAITS,
          "segments", Addresses.ADMIN_SEGMENTS,
          "destinations", Addresses.ADMIN_DESTINATIONS,
          "mergeRules", Addresses.ADMIN_MERGE_RULES);

  /** The kind an import document may leave out (documents from before it existed). */
  static final String OPTIONAL_KIND = "mergeRules";

  private DefinitionsDocument() {}

  /** The document of the listed items of each kind (as the admin GETs show them). */
  static JsonObject of(Map<String, JsonArray> items) {
    JsonObject doc = new JsonObject().put("format", FORMAT);
    ID_FIELDS.forEach(
        (kind, idField) -> {
          List<JsonObject> sorted = new ArrayList<>();
          for (Object o : items.get(kind)) {
            sorted.add((JsonObject) canonical(o));
          }
          sorted.sort(Comparator.comparingLong(o -> id(o, idField)));
          doc.put(kind, new JsonArray(new ArrayList<>(sorted)));
        });
    return doc;
  }

  /**
   * What is wrong with the shape of a document to import (format, kinds), or null when it may be
   * validated item by item.
   */
  static String problem(JsonObject doc) {
    Object format = doc.getValue("format");
    if (!FORMAT.equals(format)) {
      return "format: expected \"" + FORMAT + "\"";
    }
    for (String key : doc.fieldNames()) {
      if (!key.equals("format") && !ID_FIELDS.containsKey(key)) {
        return key
            + ": unknown field (expected format, "
            + String.join(", ", ID_FIELDS.keySet())
            + ")";
      }
    }
    for (String kind : ID_FIELDS.keySet()) {
      if (kind.equals(OPTIONAL_KIND) && doc.getValue(kind) == null) {
        continue;
      }
      if (!(doc.getValue(kind) instanceof JsonArray)) {
        return kind + ": required, an array (an empty one when there are none)";
      }
    }
    return null;
  }

  /** A copy with every object's keys in sorted order; arrays keep theirs. */
  static Object canonical(Object value) {
    if (value instanceof JsonObject o) {
      Map<String, Object> sorted = new LinkedHashMap<>();
      for (String key : new TreeSet<>(o.fieldNames())) {
        sorted.put(key, canonical(o.getValue(key)));
      }
      return new JsonObject(sorted);
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(canonical(v)));
      return out;
    }
    return value;
  }

  private static long id(JsonObject item, String idField) {
    return item.getValue(idField) instanceof Number n ? n.longValue() : Long.MAX_VALUE;
  }

  private static Map<String, String> idFields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("partners", "dpid");
    m.put("traits", "sid");
    m.put("segments", "id");
    m.put("destinations", "id");
    m.put("mergeRules", "id");
    return java.util.Collections.unmodifiableMap(m);
  }
}
