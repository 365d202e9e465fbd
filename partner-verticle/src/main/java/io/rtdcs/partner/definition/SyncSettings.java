package io.rtdcs.partner.definition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** ID sync of one partner ({@code sync} in the definition): the ibs URL and allowed redirects. */
public record SyncSettings(String url, long ttlMinutes, List<String> redirectHosts) {
  public static final long DEFAULT_TTL_MINUTES = 20_160;

  static SyncSettings fromJson(JsonObject json, String field) {
    if (json == null) {
      return null;
    }
    JsonFields f = new JsonFields(json, field);
    String url = f.nonBlank("url", null);
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw JsonFields.invalid(f.field("url"), "must be an http(s) URL");
    }
    long ttl = f.integer("ttlMinutes", 0, 5_256_000, DEFAULT_TTL_MINUTES);
    List<String> hosts =
        f.strings("redirectHosts").stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    for (int i = 0; i < hosts.size(); i++) {
      if (!hosts.get(i).matches("[a-z0-9.-]+|\\[[0-9a-f:.]+\\]")) {
        throw JsonFields.invalid(f.field("redirectHosts") + "[" + i + "]", "must be a host name");
      }
    }
    return new SyncSettings(url, ttl, hosts);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("url", url)
        .put("ttlMinutes", ttlMinutes)
        .put("redirectHosts", new JsonArray(List.copyOf(redirectHosts)));
  }
}
