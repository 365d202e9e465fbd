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
  private static final String SECTION = "cluster.eventBusTls";

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
    ConfigValues c = new ConfigValues(json, SECTION);
    if (!c.bool("enabled", true)) {
      return new EventBusTlsOptions();
    }
    String cert = readable(c, "certPath");
    String key = readable(c, "keyPath");
    String trust = json.getValue("trustPath") == null ? cert : readable(c, "trustPath");
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

  private static String readable(ConfigValues c, String key) {
    String prefix = SECTION + ".";
    String path = c.string(key, null);
    if (path == null) {
      throw new IllegalArgumentException(prefix + key + ": required when eventBusTls is set");
    }
    if (!Files.isReadable(Path.of(path))) {
      throw new IllegalArgumentException(prefix + key + ": no readable file at " + path);
    }
    return path;
  }
}
