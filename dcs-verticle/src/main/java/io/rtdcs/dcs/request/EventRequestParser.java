package io.rtdcs.dcs.request;

import io.rtdcs.dcs.response.AamError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one {@code /event} call into an {@link EventRequest}, following Audience Manager's DCS
 * rules (docs/http-api.md). Plain Java: no Vertx instance, never throws, never blocks.
 */
public final class EventRequestParser {
  static final int MAX_KEY_LENGTH = 255;
  static final int MAX_SIDS = 100;
  static final int MAX_VALUES_PER_KEY = 100;
  static final int MAX_VALUE_LENGTH = 2048;
  static final int MAX_HEADER_LENGTH = 1024;
  static final int MAX_CALLBACK_LENGTH = 128;

  /** Keys whose value is one string: no comma splitting (a DPUUID or a URL may hold a comma). */
  private static final Set<String> NO_SPLIT =
      Set.of(
          "d_cid",
          "d_cid_ic",
          "d_cid_sig",
          "d_cb",
          "d_uuid",
          "d_dpuuid",
          "dpuuid",
          "d_rtbd",
          "gdpr_consent");

  /** Control keys consumed by the DCS: they never become signals. */
  private static final Set<String> CONTROL =
      Set.of(
          "d_rtbd",
          "d_cb",
          "d_jsonv",
          "d_dst",
          "d_cts",
          "d_uuid",
          "d_cid",
          "d_cid_ic",
          "d_cid_sig",
          "d_dpid",
          "d_dpuuid",
          "d_sid",
          "d_tdpid",
          "d_nsid",
          "gdpr",
          "gdpr_consent");

  /** Request headers copied into {@code h_} signals (unless the call already sets that key). */
  private static final List<String> HEADER_SIGNALS =
      List.of("user-agent", "referer", "accept-language", "host");

  private final int maxKeys;
  private final int maxGetBytes;
  private final int maxPostBytes;

  public EventRequestParser(int maxKeys, int maxGetBytes, int maxPostBytes) {
    this(maxKeys, maxGetBytes, maxPostBytes, DeclaredIdProof.NONE, List.of());
  }

  /**
   * @param proof who may name a person by a declared ID
   * @param jsonpOrigins the origins ({@code https://shop.example}) whose pages may read answers
   *     through JSONP ({@code d_cb}); a call from any other page is answered as plain JSON
   */
  public EventRequestParser(
      int maxKeys,
      int maxGetBytes,
      int maxPostBytes,
      DeclaredIdProof proof,
      List<String> jsonpOrigins) {
    this.maxKeys = maxKeys;
    this.maxGetBytes = maxGetBytes;
    this.maxPostBytes = maxPostBytes;
    this.proof = java.util.Objects.requireNonNull(proof, "proof");
    this.jsonpOrigins = Set.copyOf(jsonpOrigins);
  }

  private final DeclaredIdProof proof;
  private final Set<String> jsonpOrigins;

  public EventRequest parse(RawCall call) {
    try {
      return parseChecked(call);
    } catch (RuntimeException e) {
      // defensive: hostile input must never become a 5xx
      return EventRequest.rejected(
          200, List.of(new AamError(AamError.UNSPECIFIED, "request could not be parsed")));
    }
  }

  /** The answer to a body over {@code maxPostBytes} (413, nothing processed). */
  public EventRequest bodyTooLarge() {
    return EventRequest.rejected(
        413,
        List.of(
            new AamError(
                AamError.UNSPECIFIED, "request body longer than " + maxPostBytes + " bytes")));
  }

  /** The answer to a body that could not be read (client gone, broken stream). */
  public EventRequest unreadable() {
    return EventRequest.rejected(
        200, List.of(new AamError(AamError.UNSPECIFIED, "request body could not be read")));
  }

  private EventRequest parseChecked(RawCall call) {
    if (call.uri().length() > maxGetBytes) {
      return EventRequest.rejected(
          414,
          List.of(
              new AamError(
                  AamError.UNSPECIFIED, "request URI longer than " + maxGetBytes + " bytes")));
    }
    byte[] body = call.body();
    if (body != null && body.length > maxPostBytes) {
      return bodyTooLarge();
    }
    List<FormDecoder.RawPair> pairs = new ArrayList<>(FormDecoder.split(query(call.uri())));
    if (body != null && body.length > 0) {
      String type = call.contentType();
      if (type != null
          && !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        return EventRequest.rejected(
            200,
            List.of(
                new AamError(
                    AamError.UNSPECIFIED, "POST body must be application/x-www-form-urlencoded")));
      }
      pairs.addAll(FormDecoder.split(new String(body, StandardCharsets.ISO_8859_1)));
    }
    if (pairs.size() > maxKeys) {
      return EventRequest.rejected(
          200,
          List.of(
              new AamError(
                  AamError.UNSPECIFIED,
                  "too many keys: " + pairs.size() + " pairs, at most " + maxKeys)));
    }
    Map<String, List<String>> params;
    try {
      params = decode(pairs);
    } catch (BadEncodingException e) {
      return EventRequest.rejected(
          200,
          List.of(
              new AamError(
                  AamError.BAD_ENCODING,
                  "bad percent-encoding (" + e.getMessage() + "); request ignored")));
    }
    return interpret(call, params);
  }

  private static String query(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? "" : uri.substring(q + 1);
  }

  private static Map<String, List<String>> decode(List<FormDecoder.RawPair> pairs)
      throws BadEncodingException {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (FormDecoder.RawPair pair : pairs) {
      String key = FormDecoder.decode(pair.key());
      List<String> values = params.computeIfAbsent(key, k -> new ArrayList<>(1));
      String raw = pair.value();
      if (NO_SPLIT.contains(key) || key.startsWith("h_") || raw.indexOf(',') < 0) {
        values.add(FormDecoder.decode(raw));
      } else {
        for (String part : raw.split(",", -1)) {
          values.add(FormDecoder.decode(part));
        }
      }
    }
    return params;
  }

  private EventRequest interpret(RawCall call, Map<String, List<String>> params) {
    List<AamError> errors = new ArrayList<>();
    String callback = first(params, "d_cb");
    if (callback != null && !isSafeCallback(callback)) {
      return EventRequest.rejected(
          200,
          List.of(
              new AamError(
                  AamError.UNSPECIFIED,
                  "d_cb: not a safe JavaScript identifier path; no JSONP answer")));
    }
    boolean wantsScript = callback != null;
    if (callback != null && !jsonpOrigins.contains(origin(call.headers().get("referer")))) {
      // another site's page could read the visitor's uuid and segments: plain JSON, inert in a
      // <script> tag
      errors.add(
          new AamError(
              AamError.UNSPECIFIED,
              "d_cb: JSONP is not enabled for this page's origin (dcs.jsonp.origins); answered as"
                  + " JSON"));
      callback = null;
    }
    boolean json = "json".equals(first(params, "d_rtbd")) || wantsScript;
    boolean ibs = !"0".equals(first(params, "d_jsonv"));
    boolean dst = "1".equals(first(params, "d_dst"));
    String ctsValue = first(params, "d_cts");
    int cts = "1".equals(ctsValue) ? 1 : "2".equals(ctsValue) ? 2 : 0;

    String cookieUuid = Identifiers.isValidUuid(call.cookie()) ? call.cookie() : null;
    String paramUuid = first(params, "d_uuid");
    if (paramUuid != null && !Identifiers.isValidUuid(paramUuid)) {
      errors.add(new AamError(AamError.INVALID_UUID, "d_uuid: expected 38 digits; value ignored"));
      paramUuid = null;
    }

    DeclaredIdCollector ids = new DeclaredIdCollector(errors);
    for (String v : params.getOrDefault("d_cid", List.of())) {
      ids.addCid(v);
    }
    for (String v : params.getOrDefault("d_cid_ic", List.of())) {
      ids.addCidIc(v);
    }
    boolean bareDpid = false;
    if (params.containsKey("d_dpid") || params.containsKey("d_dpuuid")) {
      String dpid = first(params, "d_dpid");
      String dpuuid = first(params, "d_dpuuid");
      if (dpid == null || dpuuid == null) {
        errors.add(new AamError(AamError.INVALID_CUSTOMER_ID, "d_dpid and d_dpuuid go together"));
      } else {
        ids.addPair(dpid, dpuuid);
      }
    } else if (params.containsKey("dpid") && params.containsKey("dpuuid")) {
      bareDpid = true;
      ids.addPair(first(params, "dpid"), first(params, "dpuuid"));
    }

    List<Integer> sids =
        intList(params.get("d_sid"), "d_sid", AamError.TRAITS_NOT_EVALUATED, errors);
    if (sids.size() > MAX_SIDS) {
      errors.add(
          new AamError(
              AamError.TRAITS_NOT_EVALUATED,
              "d_sid: more than " + MAX_SIDS + " trait ids; extras dropped"));
      sids = sids.subList(0, MAX_SIDS);
    }
    List<Integer> tdpid = intList(params.get("d_tdpid"), "d_tdpid", AamError.UNSPECIFIED, errors);
    int nsid = 0;
    String nsidValue = first(params, "d_nsid");
    if (nsidValue != null) {
      Integer n = DeclaredIdCollector.parseDpid(nsidValue);
      if (n != null) {
        nsid = n;
      } else if (!"0".equals(nsidValue)) {
        errors.add(new AamError(AamError.UNSPECIFIED, "d_nsid: expected a container id"));
      }
    }

    Map<String, Object> consent = new HashMap<>();
    String gdpr = first(params, "gdpr");
    if ("0".equals(gdpr) || "1".equals(gdpr)) {
      consent.put("gdpr", gdpr.charAt(0) - '0');
      String tc = first(params, "gdpr_consent");
      if (tc != null) {
        consent.put("gdprConsent", tc);
      }
    }

    Map<String, List<String>> signals = new HashMap<>();
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      String key = e.getKey();
      if (CONTROL.contains(key) || (bareDpid && (key.equals("dpid") || key.equals("dpuuid")))) {
        continue;
      }
      if (!isValidKey(key)) {
        errors.add(
            new AamError(
                AamError.UNSPECIFIED,
                "ignored a key with an invalid name"
                    + (key.startsWith(EventRequest.PRIVATE_PREFIX) ? "" : ": " + shorten(key))));
        continue;
      }
      List<String> values = usable(key, e.getValue(), errors);
      if (!values.isEmpty()) {
        signals.put(key, values);
      }
    }
    for (String header : HEADER_SIGNALS) {
      String key = "h_" + header;
      String value = call.headers().get(header);
      if (value != null && !value.isEmpty() && !signals.containsKey(key)) {
        signals.put(
            key,
            List.of(
                value.length() > MAX_HEADER_LENGTH
                    ? value.substring(0, MAX_HEADER_LENGTH)
                    : value));
      }
    }

    String proto = call.headers().get("x-forwarded-proto");
    if (!"https".equals(proto) && !"http".equals(proto)) {
      proto = "https".equals(call.scheme()) ? "https" : "http";
    }
    return new EventRequest(
        200,
        false,
        errors,
        json,
        callback,
        ibs,
        dst,
        cts,
        cookieUuid,
        paramUuid,
        signals,
        proof.mark(
            ids.accepted(),
            params.getOrDefault("d_cid_sig", List.of()),
            call.headers().get("authorization")),
        sids,
        tdpid,
        nsid,
        proto,
        consent);
  }

  private static List<Integer> intList(
      List<String> values, String key, int code, List<AamError> errors) {
    if (values == null) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>(values.size());
    boolean reported = false;
    for (String v : values) {
      if (v.isEmpty()) {
        continue;
      }
      Integer n = DeclaredIdCollector.parseDpid(v);
      if (n == null) {
        if (!reported) {
          reported = true;
          errors.add(
              new AamError(code, key + ": expected positive integers; ignored " + shorten(v)));
        }
      } else if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * Drops empty values, values over {@value #MAX_VALUE_LENGTH} characters and values past the
   * {@value #MAX_VALUES_PER_KEY}th (the contract's limits), reporting each kind once (error 0).
   */
  private static List<String> usable(String key, List<String> values, List<AamError> errors) {
    List<String> out = new ArrayList<>(Math.min(values.size(), MAX_VALUES_PER_KEY));
    boolean tooLong = false;
    for (String v : values) {
      if (v.length() > MAX_VALUE_LENGTH) {
        tooLong = true;
      } else if (!v.isEmpty()) {
        out.add(v);
      }
    }
    String name = key.startsWith(EventRequest.PRIVATE_PREFIX) ? "a p_ key" : key;
    if (tooLong) {
      errors.add(
          new AamError(
              AamError.UNSPECIFIED,
              name + ": values longer than " + MAX_VALUE_LENGTH + " characters dropped"));
    }
    if (out.size() > MAX_VALUES_PER_KEY) {
      errors.add(
          new AamError(
              AamError.UNSPECIFIED,
              name + ": more than " + MAX_VALUES_PER_KEY + " values; extras dropped"));
      return List.copyOf(out.subList(0, MAX_VALUES_PER_KEY));
    }
    return List.copyOf(out);
  }

  private static String first(Map<String, List<String>> params, String key) {
    List<String> v = params.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** AAM's key rule: at least one letter; only letters, digits, {@code _ - .}. */
  public static boolean isValidKey(String key) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      return false;
    }
    boolean letter = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      letter |= isLetter;
      if (!isLetter && !(c >= '0' && c <= '9') && c != '_' && c != '-' && c != '.') {
        return false;
      }
    }
    return letter;
  }

  /** A dotted path of JavaScript identifiers ({@code a.b.$c_1}), ASCII only, at most 128 chars. */
  /** {@code scheme://host[:port]} of a URL, or null. */
  static String origin(String url) {
    if (url == null) {
      return null;
    }
    try {
      java.net.URI u = new java.net.URI(url);
      if (u.getScheme() == null || u.getHost() == null) {
        return null;
      }
      String origin = u.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + u.getHost();
      return u.getPort() < 0 ? origin : origin + ":" + u.getPort();
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  public static boolean isSafeCallback(String cb) {
    if (cb.isEmpty() || cb.length() > MAX_CALLBACK_LENGTH) {
      return false;
    }
    boolean start = true;
    for (int i = 0; i < cb.length(); i++) {
      char c = cb.charAt(i);
      boolean idStart = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
      if (start) {
        if (!idStart) {
          return false;
        }
        start = false;
      } else if (c == '.') {
        start = true;
      } else if (!idStart && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return !start;
  }

  private static String shorten(String s) {
    String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    StringBuilder sb = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return sb.toString();
  }
}
