package io.rtdcs.node;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the node config: the {@code -conf} file (JSON or YAML, through vertx-config) or, without
 * one, the demo configuration packed in the jar; then the {@code RTDCS_*} environment variables;
 * then the {@code -Drtdcs.<path>=value} system properties. Later sources win. docs/configuration.md
 * lists every key.
 */
public final class NodeConfigLoader {
  public static final String DEMO_CONFIG = "demo.json";

  /** Environment variable -> config path; values that look like numbers or booleans are typed. */
  static final Map<String, String> ENVIRONMENT =
      Map.ofEntries(
          Map.entry("RTDCS_HTTP_PORT", "http.port"),
          Map.entry("RTDCS_HTTP_HOST", "http.host"),
          Map.entry("RTDCS_CLUSTER_NAME", "cluster.name"),
          Map.entry("RTDCS_CLUSTER_HOST", "cluster.host"),
          Map.entry("RTDCS_CLUSTER_PORT", "cluster.port"),
          Map.entry("RTDCS_CLUSTER_MEMBERS", "cluster.members"),
          Map.entry("RTDCS_CLUSTER_CONFIG", "cluster.config"),
          Map.entry("RTDCS_CLUSTER_MINIMUM_MEMBERS", "cluster.minimumMembers"),
          Map.entry("RTDCS_CLUSTER_EVENT_BUS_HOST", "cluster.eventBus.host"),
          Map.entry("RTDCS_CLUSTER_EVENT_BUS_PORT", "cluster.eventBus.port"),
          Map.entry("RTDCS_CLUSTER_EVENT_BUS_PUBLIC_HOST", "cluster.eventBus.publicHost"),
          Map.entry("RTDCS_CLUSTER_EVENT_BUS_PUBLIC_PORT", "cluster.eventBus.publicPort"),
          Map.entry("RTDCS_ADMIN_TOKEN", "admin.token"),
          Map.entry("RTDCS_EGRESS_ALLOW", "egress.allow"),
          Map.entry("RTDCS_DCS_INSTANCES", "verticles.dcs.instances"),
          Map.entry("RTDCS_PARTNER_INSTANCES", "verticles.partner.instances"),
          Map.entry("RTDCS_SEGMENT_INSTANCES", "verticles.segment.instances"),
          Map.entry("RTDCS_OUTBOUND_INSTANCES", "verticles.outbound.instances"),
          Map.entry("RTDCS_DEMO_PARTNER", "demoPartner.enabled"),
          Map.entry("RTDCS_DEMO_PARTNER_PORT", "demoPartner.port"),
          Map.entry("RTDCS_BUDGET_MS", "dcs.budgetMs"),
          Map.entry("RTDCS_BRIDGE_ENABLED", "bridge.enabled"),
          Map.entry("RTDCS_BRIDGE_HOST", "bridge.host"),
          Map.entry("RTDCS_BRIDGE_PORT", "bridge.port"),
          Map.entry("RTDCS_BRIDGE_TOKENS", "bridge.tokens"),
          Map.entry("RTDCS_BRIDGE_MAX_CONNECTIONS", "bridge.maxConnections"),
          Map.entry("RTDCS_BRIDGE_TLS_CERT_PATH", "bridge.tls.certPath"),
          Map.entry("RTDCS_BRIDGE_TLS_KEY_PATH", "bridge.tls.keyPath"),
          Map.entry("RTDCS_METRICS_ENABLED", "metrics.enabled"),
          Map.entry("RTDCS_METRICS_PER_DEFINITION", "metrics.perDefinition"),
          Map.entry("RTDCS_METRICS_DISABLED_DOMAINS", "metrics.disabledDomains"),
          Map.entry("RTDCS_K8S_SERVICE_DNS", "cluster.kubernetes.serviceDns"),
          Map.entry("RTDCS_STORE_BACKEND", "store.backend"),
          Map.entry("RTDCS_STORE_PATH", "store.path"),
          Map.entry("RTDCS_STORE_URL", "store.url"),
          Map.entry("RTDCS_STORE_USER", "store.user"),
          Map.entry("RTDCS_STORE_PASSWORD", "store.password"),
          Map.entry("RTDCS_STORE_WRITE_DELAY_SECONDS", "store.writeDelaySeconds"));

  private NodeConfigLoader() {}

  /** Loads and merges; fails with a message naming the file or key that is wrong. */
  public static Future<JsonObject> load(
      Vertx vertx, String confFile, Map<String, String> env, Properties sysProps) {
    Future<JsonObject> base = confFile == null ? readDemo(vertx) : readFile(vertx, confFile);
    return base.map(
        json -> {
          JsonObject merged = json.copy();
          applyEnvironment(merged, env);
          applySystemProperties(merged, sysProps);
          return merged;
        });
  }

  static Future<JsonObject> readFile(Vertx vertx, String file) {
    Path path = Path.of(file);
    if (!Files.isReadable(path)) {
      return Future.failedFuture(new IllegalArgumentException("-conf: cannot read " + file));
    }
    String lower = file.toLowerCase(Locale.ROOT);
    String format = lower.endsWith(".yaml") || lower.endsWith(".yml") ? "yaml" : "json";
    ConfigStoreOptions store =
        new ConfigStoreOptions()
            .setType("file")
            .setFormat(format)
            .setConfig(new JsonObject().put("path", path.toAbsolutePath().toString()));
    ConfigRetriever retriever =
        ConfigRetriever.create(
            vertx, new ConfigRetrieverOptions().addStore(store).setScanPeriod(-1));
    return retriever
        .getConfig()
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalArgumentException(
                        "-conf: " + file + " is not valid " + format + ": " + e.getMessage(), e)))
        .onComplete(r -> retriever.close());
  }

  static Future<JsonObject> readDemo(Vertx vertx) {
    try (var in = NodeConfigLoader.class.getClassLoader().getResourceAsStream(DEMO_CONFIG)) {
      if (in == null) {
        return Future.failedFuture(
            new IllegalStateException(DEMO_CONFIG + " missing from the jar"));
      }
      return Future.succeededFuture(new JsonObject(new String(in.readAllBytes(), "UTF-8")));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  static void applyEnvironment(JsonObject config, Map<String, String> env) {
    ENVIRONMENT.forEach(
        (variable, path) -> {
          String value = env.get(variable);
          if (value != null && !value.isEmpty()) {
            put(config, path, value(path, value));
          }
        });
  }

  static void applySystemProperties(JsonObject config, Properties props) {
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith("rtdcs.") && name.length() > "rtdcs.".length()) {
        String path = name.substring("rtdcs.".length());
        String value = props.getProperty(name);
        put(config, path, value(path, value));
      }
    }
  }

  /** Secrets and paths stay text even when they look like a number ("12345" as a password). */
  private static Object value(String path, String value) {
    if (path.equals("cluster.members")) {
      return members(value);
    }
    if (TEXT_PATHS.contains(path)) {
      return value;
    }
    return typed(value);
  }

  static final java.util.Set<String> TEXT_PATHS =
      java.util.Set.of(
          "admin.token",
          "egress.allow",
          "store.password",
          "store.user",
          "store.path",
          "store.url",
          "store.backend",
          "bridge.tls.certPath",
          "bridge.tls.keyPath");

  static void put(JsonObject config, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject at = config;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = at.getValue(parts[i]);
      if (!(next instanceof JsonObject)) {
        next = new JsonObject();
        at.put(parts[i], next);
      }
      at = (JsonObject) next;
    }
    at.put(parts[parts.length - 1], value);
  }

  static Object typed(String value) {
    String v = value.trim();
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    if (v.matches("-?\\d{1,9}")) {
      return Integer.parseInt(v);
    }
    return value;
  }

  private static JsonArray members(String value) {
    JsonArray a = new JsonArray();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        a.add(part.trim());
      }
    }
    return a;
  }
}
