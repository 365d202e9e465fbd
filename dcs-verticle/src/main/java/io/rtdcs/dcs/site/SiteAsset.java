package io.rtdcs.dcs.site;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One static file of the site code, read once from the class path and compacted: lines that start
 * with {@code //} (after indentation), indentation and blank lines are dropped, so the sources keep
 * their comments and the browser gets the small form. Its version is the first 16 hex digits of the
 * SHA-256 of what is served, also its ETag.
 */
public final class SiteAsset {
  private final Buffer body;
  private final String contentType;
  private final String version;
  private final String etag;

  SiteAsset(String text, String contentType) {
    byte[] bytes = compact(text).getBytes(StandardCharsets.UTF_8);
    this.body = Buffer.buffer(bytes);
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.version = sha256(bytes).substring(0, 16);
    this.etag = '"' + version + '"';
  }

  /** Reads {@code resource} (a class-path name) or fails naming it. */
  public static SiteAsset load(String resource, String contentType) {
    return new SiteAsset(read(resource), contentType);
  }

  /** The text of {@code resource} (a class-path name), as written. */
  static String read(String resource) {
    try (InputStream in = SiteAsset.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("site asset missing from the class path: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read site asset " + resource, e);
    }
  }

  /** Drops comment lines ({@code //} first), indentation and blank lines. */
  static String compact(String source) {
    StringBuilder out = new StringBuilder(source.length());
    for (String line : source.split("\r?\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("//")) {
        out.append(t).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Answers the request: 304 when {@code If-None-Match} names this version, else the file. {@code
   * maxAgeSeconds} goes into {@code Cache-Control: public}; {@code immutable} adds that directive.
   */
  public void send(HttpServerRequest request, long maxAgeSeconds, boolean immutable) {
    HttpServerResponse response = request.response();
    response
        .putHeader(
            HttpHeaders.CACHE_CONTROL,
            "public, max-age=" + maxAgeSeconds + (immutable ? ", immutable" : ""))
        .putHeader(HttpHeaders.ETAG, etag)
        .putHeader("X-Content-Type-Options", "nosniff");
    String match = request.getHeader(HttpHeaders.IF_NONE_MATCH);
    if (match != null && (match.contains(etag) || match.strip().equals("*"))) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
  }

  public String version() {
    return version;
  }

  public int size() {
    return body.length();
  }

  public Buffer body() {
    return body;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
