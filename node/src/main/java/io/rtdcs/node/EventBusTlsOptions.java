package io.rtdcs.node;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS of the clustered event bus ({@code cluster.eventBusTls}): every member presents {@code
 * certPath}/{@code keyPath} (PEM) and accepts only peers whose certificate chains to {@code
 * trustPath} (PEM: the cluster's CA, or the shared self-signed certificate; default {@code
 * certPath}). Client authentication is required, so a process without a cluster certificate can
 * neither send to nor receive from the bus. Absent or {@code enabled: false} = plain TCP.
 */
public final class EventBusTlsOptions {
  private final boolean enabled;
  private final String certPath;
  private final String keyPath;
  private final String trustPath;

  public EventBusTlsOptions() {
    this(false, null, null, null);
  }

  private EventBusTlsOptions(boolean enabled, String certPath, String keyPath, String trustPath) {
    this.enabled = enabled;
    this.certPath = certPath;
    this.keyPath = keyPath;
    this.trustPath = trustPath;
  }

  public static EventBusTlsOptions from(JsonObject cluster) {
    JsonObject json = NodeOptions.section(cluster, "eventBusTls");
    if (json.isEmpty()) {
      return new EventBusTlsOptions();
    }
    String p = "cluster.eventBusTls.";
    boolean enabled = new ConfigValues(json, "cluster.eventBusTls").bool("enabled", true);
    if (!enabled) {
      return new EventBusTlsOptions();
    }
    String cert = readable(json, "certPath", p);
    String key = readable(json, "keyPath", p);
    String trust = json.getValue("trustPath") == null ? cert : readable(json, "trustPath", p);
    return new EventBusTlsOptions(true, cert, key, trust);
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** Applies TLS (with required client certificates) to the event bus options. */
  public EventBusOptions applyTo(EventBusOptions options) {
    if (!enabled) {
      return options;
    }
    return options
        .setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPath).setKeyPath(keyPath))
        .setTrustOptions(new PemTrustOptions().addCertPath(trustPath))
        .setClientAuth(ClientAuth.REQUIRED);
  }

  public JsonObject toJson() {
    return enabled
        ? new JsonObject()
            .put("enabled", true)
            .put("certPath", certPath)
            .put("keyPath", keyPath)
            .put("trustPath", trustPath)
        : new JsonObject();
  }

  private static String readable(JsonObject json, String key, String prefix) {
    Object raw = json.getValue(key);
    if (raw != null && !(raw instanceof String)) {
      throw new IllegalArgumentException(prefix + key + ": expected a string, was " + raw);
    }
    String path = (String) raw;
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(prefix + key + ": required when eventBusTls is set");
    }
    if (!Files.isReadable(Path.of(path))) {
      throw new IllegalArgumentException(prefix + key + ": no readable file at " + path);
    }
    return path;
  }
}
