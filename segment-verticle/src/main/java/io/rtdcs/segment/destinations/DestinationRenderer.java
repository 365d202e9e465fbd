package io.rtdcs.segment.destinations;

import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.DestinationDefinition;
import io.rtdcs.segment.definitions.DestinationMapping;
import io.rtdcs.segment.store.TraitRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the visitor's current segments into Audience Manager's {@code stuff} (cookie destinations)
 * and {@code dests} (URL destinations) entries. Pure: no I/O, time passed in.
 */
public final class DestinationRenderer {
  private static final Pattern MACRO =
      Pattern.compile(
          "%(ALIAS|DID|RND|TIMESTAMP|HTTP_PROTO|DPID_(\\d{1,9}))%", Pattern.CASE_INSENSITIVE);

  /** Cookie destinations with at least one active mapped segment. */
  public JsonArray stuff(Definitions defs, int[] segments, long now) {
    JsonArray out = new JsonArray();
    Set<Integer> in = toSet(segments);
    LocalDate today = day(now);
    for (DestinationDefinition d : defs.destinations().values()) {
      if (d.kind() != DestinationDefinition.Kind.COOKIE) {
        continue;
      }
      List<String> values = values(d, in, today);
      String cv = cookieValue(d, values);
      if (cv != null) {
        out.add(
            new JsonObject()
                .put("cn", d.cookieName())
                .put("cv", cv)
                .put("ttl", d.ttlDays())
                .put("dmn", d.domain()));
      }
    }
    return out;
  }

  /** URL destinations with at least one active mapped segment, macros expanded. */
  public JsonArray dests(
      Definitions defs,
      int[] segments,
      String uuid,
      Map<Integer, String> ids,
      String httpProto,
      long now) {
    JsonArray out = new JsonArray();
    Set<Integer> in = toSet(segments);
    LocalDate today = day(now);
    for (DestinationDefinition d : defs.destinations().values()) {
      if (d.kind() != DestinationDefinition.Kind.URL) {
        continue;
      }
      List<String> values = values(d, in, today);
      if (values.isEmpty()) {
        continue;
      }
      List<String> encoded = new ArrayList<>(values.size());
      for (String v : values) {
        encoded.add(encode(v));
      }
      String alias = String.join(d.delimiter(), encoded);
      long rnd = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
      out.add(
          new JsonObject()
              .put("id", d.id())
              .put("y", d.tag())
              .put("c", expand(d.url(), alias, uuid, ids, httpProto, now, rnd))
              .put("e", expand(d.secureUrl(), alias, uuid, ids, httpProto, now, rnd)));
    }
    return out;
  }

  /** The cookie value, cut at whole values to {@code maxSize}; null when nothing fits. */
  static String cookieValue(DestinationDefinition d, List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    StringBuilder cv = new StringBuilder();
    if (!d.singleKey()) {
      cv.append(d.key()).append(d.keySeparator());
    }
    int prefix = cv.length();
    for (String v : values) {
      String e = encode(v);
      int extra = (cv.length() > prefix ? d.valueSeparator().length() : 0) + e.length();
      if (cv.length() + extra > d.maxSize()) {
        break;
      }
      if (cv.length() > prefix) {
        cv.append(d.valueSeparator());
      }
      cv.append(e);
    }
    return cv.length() > prefix ? cv.toString() : null;
  }

  static String expand(
      String template,
      String alias,
      String uuid,
      Map<Integer, String> ids,
      String httpProto,
      long now,
      long rnd) {
    Matcher m = MACRO.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).toUpperCase(java.util.Locale.ROOT);
      String value;
      if (m.group(2) != null) {
        String id = ids.get(Integer.parseInt(m.group(2)));
        value = id == null ? "" : encode(id);
      } else {
        value =
            switch (name) {
              case "ALIAS" -> alias;
              case "DID" -> encode(uuid);
              case "RND" -> Long.toString(rnd);
              case "TIMESTAMP" -> Long.toString(now);
              default -> httpProto;
            };
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static List<String> values(
      DestinationDefinition d, Set<Integer> segments, LocalDate day) {
    Set<String> values = new LinkedHashSet<>();
    for (DestinationMapping m : d.mappings()) {
      if (segments.contains(m.segment()) && m.activeOn(day)) {
        values.add(m.value());
      }
    }
    return new ArrayList<>(values);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static LocalDate day(long now) {
    return LocalDate.ofEpochDay(TraitRecord.epochDay(now));
  }

  private static Set<Integer> toSet(int[] segments) {
    Set<Integer> s = new HashSet<>();
    for (int i : segments) {
      s.add(i);
    }
    return s;
  }
}
