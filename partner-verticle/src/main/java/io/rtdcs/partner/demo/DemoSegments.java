package io.rtdcs.partner.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The demo partner's data: deterministic segments per visitor (a hash of the uuid picks 1 to 3 of a
 * small list, so every visitor has at least one) plus signal-driven ones ({@code c_category=shoes}
 * gives {@code shoes-buyer}).
 */
public final class DemoSegments {
  public static final List<String> BASE =
      List.of(
          "auto-intender",
          "frequent-flyer",
          "sports-fan",
          "home-owner",
          "pet-lover",
          "tech-enthusiast");

  public static List<String> forVisitor(String uuid, JsonObject signals) {
    Set<String> out = new LinkedHashSet<>();
    int h = (uuid == null ? "" : uuid).hashCode();
    int count = 1 + Math.floorMod(h, 3);
    int first = Math.floorMod(h / 3, BASE.size());
    for (int i = 0; i < count; i++) {
      out.add(BASE.get((first + i) % BASE.size()));
    }
    Object categories = signals == null ? null : signals.getValue("c_category");
    if (categories instanceof JsonArray array) {
      for (Object value : array) {
        if (value instanceof String s) {
          String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
          slug = slug.replaceAll("^-+|-+$", "");
          if (!slug.isEmpty() && slug.length() <= 64) {
            out.add(slug + "-buyer");
          }
        }
      }
    }
    return new ArrayList<>(out);
  }

  private DemoSegments() {}
}
