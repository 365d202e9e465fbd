package io.rtdcs.partner.bridge;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS of the partner bridge ({@code bridge.tls}): the bridge presents {@code certPath}/{@code
 * keyPath} (PEM) and accepts only TLS connections. Absent or {@code enabled: false} = plain TCP.
 * Partners still authenticate by token; TLS keeps the token and the lookups private on the wire.
 */
public final class PartnerBridgeTlsOptions {
  private final boolean enabled;
  private final String certPath;
  private final String keyPath;

  /** Plain TCP. */
  public PartnerBridgeTlsOptions() {
    this.enabled = false;
    this.certPath = null;
    this.keyPath = null;
  }

  /** TLS with this certificate chain and key (PEM files, checked readable now). */
  public PartnerBridgeTlsOptions(String certPath, String keyPath) {
    this.enabled = true;
    this.certPath = readable(certPath, "certPath");
    this.keyPath = readable(keyPath, "keyPath");
  }

  /** From the {@code bridge.tls} section (null or empty = plain TCP). */
  public static PartnerBridgeTlsOptions from(Object section) {
    if (section == null) {
      return new PartnerBridgeTlsOptions();
    }
    if (!(section instanceof JsonObject json)) {
      throw new IllegalArgumentException("bridge.tls: expected an object, got " + section);
    }
    ConfigValues c = new ConfigValues(json, "bridge.tls");
    if (json.isEmpty() || !c.bool("enabled", true)) {
      return new PartnerBridgeTlsOptions();
    }
    return new PartnerBridgeTlsOptions(c.string("certPath", null), c.string("keyPath", null));
  }

  public boolean isEnabled() {
    return enabled;
  }

  public String getCertPath() {
    return certPath;
  }

  public String getKeyPath() {
    return keyPath;
  }

  /** Makes the server speak TLS only (a plain client fails its first bytes and is closed). */
  NetServerOptions applyTo(NetServerOptions options) {
    Objects.requireNonNull(options, "options");
    if (!enabled) {
      return options;
    }
    return options
        .setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPath).setKeyPath(keyPath));
  }

  public JsonObject toJson() {
    return enabled
        ? new JsonObject().put("enabled", true).put("certPath", certPath).put("keyPath", keyPath)
        : new JsonObject();
  }

  private static String readable(String path, String key) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("bridge.tls." + key + ": required when bridge.tls is set");
    }
    if (!Files.isReadable(Path.of(path))) {
      throw new IllegalArgumentException("bridge.tls." + key + ": no readable file at " + path);
    }
    return path;
  }
}
