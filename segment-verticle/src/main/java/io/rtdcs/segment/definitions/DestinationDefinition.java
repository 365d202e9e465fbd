package io.rtdcs.segment.definitions;

import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A validated cookie, URL or server-to-server destination (defaults applied). */
public record DestinationDefinition(
    int id,
    String name,
    Kind kind,
    String cookieName,
    boolean singleKey,
    String key,
    String keySeparator,
    String valueSeparator,
    String domain,
    int ttlDays,
    int maxSize,
    String tag,
    String delimiter,
    String url,
    String secureUrl,
    List<DestinationMapping> mappings,
    S2sSettings s2s,
    JsonObject json) {

  public static final int DEFAULT_COOKIE_TTL_DAYS = 30;
  public static final int DEFAULT_MAX_SIZE = 2048;
  public static final int MAX_MAX_SIZE = 4096;
  public static final String DEFAULT_KEY_SEPARATOR = "=";
  public static final String DEFAULT_VALUE_SEPARATOR = ",";
  public static final String DEFAULT_DELIMITER = ",";
  public static final String DEFAULT_TAG = "img";

  private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");
  private static final Pattern DOMAIN = Pattern.compile("\\.?[A-Za-z0-9.-]{0,253}");

  /** Delivery kind. */
  public enum Kind {
    COOKIE,
    URL,
    /** Server-to-server: segment changes are pushed to the partner (docs/outbound.md). */
    S2S
  }

  public static DestinationDefinition fromJson(JsonObject in) {
    int id = JsonFields.requirePositiveInt(in, "id", "id");
    String name = JsonFields.requireString(in, "name", "name");
    String type = JsonFields.requireString(in, "type", "type");
    JsonArray rawMappings = JsonFields.optArray(in, "mappings", "mappings");
    List<DestinationMapping> mappings = new ArrayList<>(rawMappings.size());
    JsonArray mappingJson = new JsonArray();
    for (int i = 0; i < rawMappings.size(); i++) {
      DestinationMapping m =
          DestinationMapping.fromJson(rawMappings.getValue(i), "mappings[" + i + "]");
      mappings.add(m);
      mappingJson.add(m.toJson());
    }
    JsonObject json = in.copy().put("id", id).put("name", name).put("mappings", mappingJson);
    switch (type.toLowerCase(Locale.ROOT)) {
      case "cookie":
        return cookie(in, id, name, List.copyOf(mappings), json.put("type", "cookie"));
      case "url":
        return url(in, id, name, List.copyOf(mappings), json.put("type", "url"));
      case "s2s":
        json.put("type", "s2s");
        S2sSettings s2s = S2sSettings.fromJson(in, json);
        return new DestinationDefinition(
            id,
            name,
            Kind.S2S,
            null,
            false,
            null,
            null,
            null,
            null,
            0,
            0,
            null,
            null,
            s2s.url(),
            null,
            List.copyOf(mappings),
            s2s,
            json);
      default:
        throw RequestException.badRequest("type", "must be cookie, url or s2s");
    }
  }

  private static DestinationDefinition cookie(
      JsonObject in, int id, String name, List<DestinationMapping> mappings, JsonObject json) {
    String cookieName = JsonFields.requireString(in, "cookieName", "cookieName");
    if (!COOKIE_NAME.matcher(cookieName).matches()) {
      throw RequestException.badRequest("cookieName", "must be a cookie token of 1-128 characters");
    }
    String format = JsonFields.optString(in, "format", "format", "key_value");
    boolean singleKey;
    if ("key_value".equals(format)) {
      singleKey = false;
    } else if ("single_key".equals(format)) {
      singleKey = true;
    } else {
      throw RequestException.badRequest("format", "must be key_value or single_key");
    }
    String key = JsonFields.optString(in, "key", "key", "");
    if (!singleKey && key.isBlank()) {
      throw RequestException.badRequest("key", "is required for the key_value format");
    }
    String keySep = separator(in, "keySeparator", DEFAULT_KEY_SEPARATOR);
    String valueSep = separator(in, "valueSeparator", DEFAULT_VALUE_SEPARATOR);
    String domain = JsonFields.optString(in, "domain", "domain", "");
    if (!DOMAIN.matcher(domain).matches()) {
      throw RequestException.badRequest(
          "domain", "must be a host name, optionally with a leading dot");
    }
    int ttlDays = JsonFields.optInt(in, "ttlDays", "ttlDays", DEFAULT_COOKIE_TTL_DAYS);
    if (ttlDays < 0 || ttlDays > TraitDefinition.MAX_TTL_DAYS) {
      throw RequestException.badRequest("ttlDays", "must be 0 to " + TraitDefinition.MAX_TTL_DAYS);
    }
    int maxSize = JsonFields.optInt(in, "maxSize", "maxSize", DEFAULT_MAX_SIZE);
    if (maxSize < 1 || maxSize > MAX_MAX_SIZE) {
      throw RequestException.badRequest("maxSize", "must be 1 to " + MAX_MAX_SIZE);
    }
    json.put("cookieName", cookieName)
        .put("format", format)
        .put("key", key)
        .put("keySeparator", keySep)
        .put("valueSeparator", valueSep)
        .put("domain", domain)
        .put("ttlDays", ttlDays)
        .put("maxSize", maxSize);
    return new DestinationDefinition(
        id,
        name,
        Kind.COOKIE,
        cookieName,
        singleKey,
        key,
        keySep,
        valueSep,
        domain,
        ttlDays,
        maxSize,
        null,
        null,
        null,
        null,
        mappings,
        null,
        json);
  }

  private static DestinationDefinition url(
      JsonObject in, int id, String name, List<DestinationMapping> mappings, JsonObject json) {
    String url = httpUrl(in, "url", JsonFields.requireString(in, "url", "url"));
    String secureUrl =
        httpUrl(in, "secureUrl", JsonFields.optString(in, "secureUrl", "secureUrl", url));
    String tag = JsonFields.optString(in, "tag", "tag", DEFAULT_TAG);
    if (!"img".equals(tag) && !"js".equals(tag) && !"iframe".equals(tag)) {
      throw RequestException.badRequest("tag", "must be img, js or iframe");
    }
    String delimiter = separator(in, "delimiter", DEFAULT_DELIMITER);
    json.put("url", url).put("secureUrl", secureUrl).put("tag", tag).put("delimiter", delimiter);
    return new DestinationDefinition(
        id, name, Kind.URL, null, false, null, null, null, null, 0, 0, tag, delimiter, url,
        secureUrl, mappings, null, json);
  }

  private static String httpUrl(JsonObject in, String field, String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("http://")
        || lower.startsWith("https://")
        || lower.startsWith("%http_proto%://"))) {
      throw RequestException.badRequest(field, "must be an http(s) URL");
    }
    if (!lower.contains("%alias%")) {
      throw RequestException.badRequest(field, "must contain the %ALIAS% macro");
    }
    if (url.length() > 4096) {
      throw RequestException.badRequest(field, "longer than 4096 characters");
    }
    return url;
  }

  private static String separator(JsonObject in, String key, String dflt) {
    String s = JsonFields.optString(in, key, key, dflt);
    if (s.isEmpty() || s.length() > 4) {
      throw RequestException.badRequest(key, "must be 1 to 4 characters");
    }
    return s;
  }
}
