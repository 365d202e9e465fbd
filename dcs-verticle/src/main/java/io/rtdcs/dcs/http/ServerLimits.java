package io.rtdcs.dcs.http;

import io.rtdcs.common.ConfigValues;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Transport settings of the public HTTP server (verticle keys {@code http.*} and {@code tls.*};
 * {@code dcs.http.*} / {@code dcs.tls.*} in the node config), validated at construction:
 *
 * <ul>
 *   <li>{@code http.maxInitialLineBytes} (twice {@code maxGetBytes}, at least 16384): the codec's
 *       cap on the request line;
 *   <li>{@code http.maxHeaderBytes} (8192): all headers of one request;
 *   <li>{@code http.idleTimeoutSeconds} (30): a connection with no bytes in either direction for
 *       that long is closed (silent clients, stalled request heads);
 *   <li>{@code http.requestTimeoutMs} (10000): a request not answered by then (a slow body) gets
 *       408 and its connection is closed;
 *   <li>{@code tls.certPath} / {@code tls.keyPath} (none): PEM certificate chain and key; both set
 *       = HTTPS with HTTP/2 (ALPN) and HTTP/1.1 on the same port.
 * </ul>
 */
public record ServerLimits(
    int maxInitialLineBytes,
    int maxHeaderBytes,
    int idleTimeoutSeconds,
    long requestTimeoutMs,
    String certPath,
    String keyPath) {

  public static ServerLimits from(JsonObject config, int maxGetBytes) {
    return from(new ConfigValues(config), maxGetBytes);
  }

  /** Reads through {@code c}, which remembers the keys (see {@link ConfigValues#rejectUnknown}). */
  public static ServerLimits from(ConfigValues c, int maxGetBytes) {
    String cert = c.string("tls.certPath", null);
    String key = c.string("tls.keyPath", null);
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException(
          (cert == null ? "tls.certPath" : "tls.keyPath") + ": required with the other tls path");
    }
    if (cert != null) {
      readable("tls.certPath", cert);
      readable("tls.keyPath", key);
    }
    return new ServerLimits(
        c.intIn("http.maxInitialLineBytes", Math.max(maxGetBytes * 2, 16_384), 1024, 1 << 20),
        c.intIn("http.maxHeaderBytes", 8192, 1024, 1 << 20),
        c.intIn("http.idleTimeoutSeconds", 30, 1, 3600),
        c.longIn("http.requestTimeoutMs", 10_000, 100, 600_000),
        cert,
        key);
  }

  public boolean tls() {
    return certPath != null;
  }

  /** Applies these limits (and TLS when configured) to {@code options}. */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    options
        .setMaxInitialLineLength(maxInitialLineBytes)
        .setMaxHeaderSize(maxHeaderBytes)
        .setIdleTimeout(idleTimeoutSeconds)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    if (tls()) {
      options
          .setSsl(true)
          .setUseAlpn(true)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPath).setKeyPath(keyPath));
    }
    return options;
  }

  private static void readable(String key, String path) {
    if (!Files.isReadable(Path.of(path))) {
      throw new IllegalArgumentException(key + ": no readable file at " + path);
    }
  }
}
