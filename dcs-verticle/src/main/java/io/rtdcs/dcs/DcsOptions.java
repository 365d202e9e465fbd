package io.rtdcs.dcs;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Configuration of {@link DcsVerticle}. Keys are dotted ({@code "http.port"}); a nested form
 * ({@code {"http": {"port": 8080}}}) is read too. Every setter validates and throws {@link
 * IllegalArgumentException} naming the key.
 */
public final class DcsOptions {
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final long DEFAULT_BUDGET_MS = 150;
  public static final long DEFAULT_STORE_RESERVE_MS = 40;

  /**
   * Time kept at the end of the budget to build and write the answer, so the answer leaves within
   * the budget even when every step used all the time it was given (Prebid's timeout adjustment).
   */
  public static final long DEFAULT_ANSWER_RESERVE_MS = 10;

  public static final int DEFAULT_REGION = 7;
  public static final String DEFAULT_COOKIE_NAME = "demdex";
  public static final String DEFAULT_COOKIE_DOMAIN = null;
  public static final int DEFAULT_COOKIE_MAX_AGE_DAYS = 180;
  public static final int DEFAULT_MAX_KEYS = 200;
  public static final int DEFAULT_MAX_GET_BYTES = 8192;
  public static final int DEFAULT_MAX_POST_BYTES = 32768;
  public static final String DEFAULT_ADMIN_TOKEN = null;
  public static final long DEFAULT_ADMIN_TIMEOUT_MS = 5000;
  public static final boolean DEFAULT_LOCAL_SEGMENT = false;
  public static final boolean DEFAULT_LOCAL_PARTNER = false;
  public static final boolean DEFAULT_DEBUG = false;

  private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9_\\-.]{1,64}");
  private static final Pattern COOKIE_DOMAIN = Pattern.compile("\\.?[A-Za-z0-9\\-.]{1,253}");
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9\\-.]+(:[0-9]{1,5})?");

  private int httpPort = DEFAULT_HTTP_PORT;
  private String httpHost = DEFAULT_HTTP_HOST;
  private long budgetMs = DEFAULT_BUDGET_MS;
  private long storeReserveMs = DEFAULT_STORE_RESERVE_MS;
  private long answerReserveMs = DEFAULT_ANSWER_RESERVE_MS;
  private int region = DEFAULT_REGION;
  private String cookieName = DEFAULT_COOKIE_NAME;
  private String cookieDomain = DEFAULT_COOKIE_DOMAIN;
  private int cookieMaxAgeDays = DEFAULT_COOKIE_MAX_AGE_DAYS;
  private int maxKeys = DEFAULT_MAX_KEYS;
  private int maxGetBytes = DEFAULT_MAX_GET_BYTES;
  private int maxPostBytes = DEFAULT_MAX_POST_BYTES;
  private List<String> corsOrigins = List.of();
  private List<String> jsonpOrigins = List.of();
  private java.util.Map<Integer, String> declaredIdSecrets = java.util.Map.of();
  private List<String> declaredIdCallerTokens = List.of();
  private String adminToken = DEFAULT_ADMIN_TOKEN;
  private long adminTimeoutMs = DEFAULT_ADMIN_TIMEOUT_MS;
  private boolean localSegment = DEFAULT_LOCAL_SEGMENT;
  private boolean localPartner = DEFAULT_LOCAL_PARTNER;
  private boolean debug = DEFAULT_DEBUG;

  public DcsOptions() {}

  public DcsOptions(DcsOptions other) {
    this(other.toJson());
  }

  public DcsOptions(JsonObject json) {
    this(new ConfigValues(json));
  }

  /** Reads through {@code j}, which remembers the keys (see {@link ConfigValues#rejectUnknown}). */
  public DcsOptions(ConfigValues j) {
    setHttpPort(j.integer("http.port", httpPort));
    setHttpHost(j.string("http.host", httpHost));
    long budget = j.longValue("budgetMs", budgetMs);
    long reserve = j.longValue("storeReserveMs", storeReserveMs);
    long answerReserve = j.longValue("answerReserveMs", answerReserveMs);
    storeReserveMs = 0;
    answerReserveMs = 0;
    setBudgetMs(budget);
    setStoreReserveMs(reserve);
    setAnswerReserveMs(answerReserve);
    setRegion(j.integer("region", region));
    setCookieName(j.string("cookie.name", cookieName));
    setCookieDomain(j.string("cookie.domain", cookieDomain));
    setCookieMaxAgeDays(j.integer("cookie.maxAgeDays", cookieMaxAgeDays));
    setMaxKeys(j.integer("maxKeys", maxKeys));
    setMaxGetBytes(j.integer("maxGetBytes", maxGetBytes));
    setMaxPostBytes(j.integer("maxPostBytes", maxPostBytes));
    setCorsOrigins(j.stringArray("cors.origins"));
    setJsonpOrigins(j.stringArray("jsonp.origins"));
    setDeclaredIdSecrets(secrets(j, "declaredIds.secrets"));
    setDeclaredIdCallerTokens(j.stringArray("declaredIds.callerTokens"));
    setAdminToken(j.string("admin.token", adminToken));
    setAdminTimeoutMs(j.longValue("admin.timeoutMs", adminTimeoutMs));
    setLocalSegment(j.bool("localSegment", localSegment));
    setLocalPartner(j.bool("localPartner", localPartner));
    setDebug(j.bool("debug", debug));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("http.port", httpPort)
        .put("http.host", httpHost)
        .put("budgetMs", budgetMs)
        .put("storeReserveMs", storeReserveMs)
        .put("answerReserveMs", answerReserveMs)
        .put("region", region)
        .put("cookie.name", cookieName)
        .put("cookie.domain", cookieDomain)
        .put("cookie.maxAgeDays", cookieMaxAgeDays)
        .put("maxKeys", maxKeys)
        .put("maxGetBytes", maxGetBytes)
        .put("maxPostBytes", maxPostBytes)
        .put("cors.origins", new JsonArray(new ArrayList<>(corsOrigins)))
        .put("jsonp.origins", new JsonArray(new ArrayList<>(jsonpOrigins)))
        .put("declaredIds.secrets", secretsJson())
        .put("declaredIds.callerTokens", new JsonArray(new ArrayList<>(declaredIdCallerTokens)))
        .put("admin.token", adminToken)
        .put("admin.timeoutMs", adminTimeoutMs)
        .put("localSegment", localSegment)
        .put("localPartner", localPartner)
        .put("debug", debug);
  }

  public DcsOptions setHttpPort(int v) {
    require(v >= 0 && v <= 65535, "http.port", "must be 0..65535, was " + v);
    httpPort = v;
    return this;
  }

  public DcsOptions setHttpHost(String v) {
    require(v != null && !v.isBlank(), "http.host", "must not be empty");
    httpHost = v;
    return this;
  }

  public DcsOptions setBudgetMs(long v) {
    require(v >= 1 && v <= 60_000, "budgetMs", "must be 1..60000, was " + v);
    require(
        storeReserveMs < v,
        "budgetMs",
        "must be above storeReserveMs (" + storeReserveMs + "), was " + v);
    budgetMs = v;
    return this;
  }

  public DcsOptions setStoreReserveMs(long v) {
    require(v >= 0 && v < budgetMs, "storeReserveMs", "must be 0..budgetMs-1, was " + v);
    storeReserveMs = v;
    return this;
  }

  public DcsOptions setAnswerReserveMs(long v) {
    require(
        v >= 0 && storeReserveMs + v < budgetMs,
        "answerReserveMs",
        "must be >= 0 and leave budgetMs above storeReserveMs + answerReserveMs, was " + v);
    answerReserveMs = v;
    return this;
  }

  public DcsOptions setRegion(int v) {
    require(v >= 0, "region", "must be >= 0, was " + v);
    region = v;
    return this;
  }

  public DcsOptions setCookieName(String v) {
    require(
        v != null && COOKIE_NAME.matcher(v).matches(),
        "cookie.name",
        "must be 1-64 of letters, digits, _ - .");
    cookieName = v;
    return this;
  }

  public DcsOptions setCookieDomain(String v) {
    require(
        v == null || COOKIE_DOMAIN.matcher(v).matches(),
        "cookie.domain",
        "must be a host name such as .example.com");
    cookieDomain = v;
    return this;
  }

  public DcsOptions setCookieMaxAgeDays(int v) {
    require(v >= 1 && v <= 3650, "cookie.maxAgeDays", "must be 1..3650, was " + v);
    cookieMaxAgeDays = v;
    return this;
  }

  public DcsOptions setMaxKeys(int v) {
    require(v >= 1 && v <= 10_000, "maxKeys", "must be 1..10000, was " + v);
    maxKeys = v;
    return this;
  }

  public DcsOptions setMaxGetBytes(int v) {
    require(v >= 256 && v <= 1 << 20, "maxGetBytes", "must be 256..1048576, was " + v);
    maxGetBytes = v;
    return this;
  }

  public DcsOptions setMaxPostBytes(int v) {
    require(v >= 256 && v <= 16 << 20, "maxPostBytes", "must be 256..16777216, was " + v);
    maxPostBytes = v;
    return this;
  }

  public DcsOptions setCorsOrigins(List<String> v) {
    require(v != null, "cors.origins", "must be a list of origins");
    for (String o : v) {
      require(
          o != null && ORIGIN.matcher(o).matches(),
          "cors.origins",
          "each origin must look like https://host[:port] (no '*': credentials are allowed), was "
              + o);
    }
    corsOrigins = List.copyOf(v);
    return this;
  }

  public DcsOptions setAdminToken(String v) {
    io.rtdcs.common.AdminTokens.check(v, "admin.token");
    adminToken = v;
    return this;
  }

  public DcsOptions setAdminTimeoutMs(long v) {
    require(v >= 1 && v <= 60_000, "admin.timeoutMs", "must be 1..60000, was " + v);
    adminTimeoutMs = v;
    return this;
  }

  public DcsOptions setLocalSegment(boolean v) {
    localSegment = v;
    return this;
  }

  public DcsOptions setLocalPartner(boolean v) {
    localPartner = v;
    return this;
  }

  public DcsOptions setDebug(boolean v) {
    debug = v;
    return this;
  }

  public int getHttpPort() {
    return httpPort;
  }

  public String getHttpHost() {
    return httpHost;
  }

  public long getBudgetMs() {
    return budgetMs;
  }

  public long getStoreReserveMs() {
    return storeReserveMs;
  }

  public long getAnswerReserveMs() {
    return answerReserveMs;
  }

  /** The deadline the steps share: the budget less the time kept to write the answer. */
  public long getStepsBudgetMs() {
    return budgetMs - answerReserveMs;
  }

  public int getRegion() {
    return region;
  }

  public String getCookieName() {
    return cookieName;
  }

  public String getCookieDomain() {
    return cookieDomain;
  }

  public int getCookieMaxAgeDays() {
    return cookieMaxAgeDays;
  }

  public int getMaxKeys() {
    return maxKeys;
  }

  public int getMaxGetBytes() {
    return maxGetBytes;
  }

  public int getMaxPostBytes() {
    return maxPostBytes;
  }

  /** Pages ({@code scheme://host[:port]}) that may read answers through JSONP; none by default. */
  public List<String> getJsonpOrigins() {
    return jsonpOrigins;
  }

  public DcsOptions setJsonpOrigins(List<String> v) {
    require(v != null, "jsonp.origins", "must be a list of origins");
    for (String o : v) {
      require(
          o != null && ORIGIN.matcher(o).matches(),
          "jsonp.origins",
          "expected scheme://host[:port], was " + o);
    }
    jsonpOrigins = List.copyOf(v);
    return this;
  }

  /** Data source id -> the secret its sites sign declared IDs with ({@code d_cid_sig}). */
  public java.util.Map<Integer, String> getDeclaredIdSecrets() {
    return declaredIdSecrets;
  }

  public DcsOptions setDeclaredIdSecrets(java.util.Map<Integer, String> v) {
    require(v != null, "declaredIds.secrets", "must be an object of data source id -> secret");
    new io.rtdcs.dcs.request.DeclaredIdProof(v, List.of()); // validates each secret
    declaredIdSecrets = java.util.Map.copyOf(v);
    return this;
  }

  /** Bearer tokens of server-to-server callers trusted to name people by declared ID. */
  public List<String> getDeclaredIdCallerTokens() {
    return declaredIdCallerTokens;
  }

  public DcsOptions setDeclaredIdCallerTokens(List<String> v) {
    require(v != null, "declaredIds.callerTokens", "must be a list of tokens");
    new io.rtdcs.dcs.request.DeclaredIdProof(java.util.Map.of(), v); // validates each token
    declaredIdCallerTokens = List.copyOf(v);
    return this;
  }

  /** The proof checker these options describe. */
  public io.rtdcs.dcs.request.DeclaredIdProof declaredIdProof() {
    return new io.rtdcs.dcs.request.DeclaredIdProof(declaredIdSecrets, declaredIdCallerTokens);
  }

  private JsonObject secretsJson() {
    JsonObject o = new JsonObject();
    declaredIdSecrets.forEach((k, v) -> o.put(Integer.toString(k), v));
    return o;
  }

  private static java.util.Map<Integer, String> secrets(ConfigValues j, String key) {
    Object v = j.raw(key);
    if (v == null) {
      return java.util.Map.of();
    }
    if (!(v instanceof JsonObject o)) {
      throw new IllegalArgumentException(key + ": expected an object of data source id -> secret");
    }
    java.util.Map<Integer, String> out = new java.util.TreeMap<>();
    for (String k : o.fieldNames()) {
      Object secret = o.getValue(k);
      int dpid;
      try {
        dpid = Integer.parseInt(k);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + ": " + k + " is not a data source id");
      }
      require(dpid > 0, key, k + " is not a data source id");
      if (!(secret instanceof String s)) {
        throw new IllegalArgumentException(key + "." + k + ": expected a string");
      }
      out.put(dpid, s);
    }
    return out;
  }

  public List<String> getCorsOrigins() {
    return corsOrigins;
  }

  public String getAdminToken() {
    return adminToken;
  }

  public long getAdminTimeoutMs() {
    return adminTimeoutMs;
  }

  public boolean isLocalSegment() {
    return localSegment;
  }

  public boolean isLocalPartner() {
    return localPartner;
  }

  public boolean isDebug() {
    return debug;
  }

  private static void require(boolean ok, String key, String reason) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": " + reason);
    }
  }
}
