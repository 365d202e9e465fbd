package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.dcs.site.SiteRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The node serves the page tag and the destination-publishing iframe, small and cacheable. */
class SiteCodeTest {
  static final int TAG_BUDGET_BYTES = 5 * 1024;
  static DcsServer server;

  @BeforeAll
  static void start() {
    server =
        new DcsServer(
            new JsonObject().put("cors.origins", new JsonArray().add("https://www.example.com")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<Buffer> get(String uri, String... headers) {
    var req = server.client.request(HttpMethod.GET, uri);
    for (int i = 0; i < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    return req.send().await();
  }

  @Test
  void tagShouldBeServedAsCacheableJavaScriptUnderFiveKilobytes() {
    HttpResponse<Buffer> r = get("/rtdcs.js");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/javascript; charset=utf-8");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("public, max-age=3600");
    assertThat(r.getHeader("ETag")).isEqualTo('"' + SiteRoutes.tag().version() + '"');
    assertThat(r.body().length()).isLessThan(TAG_BUDGET_BYTES);
    String js = r.bodyAsString();
    assertThat(js).doesNotContain("\n//").doesNotContain("\n  ").contains("w.rtdcs =");
    System.out.printf(
        "rtdcs.js served: %d bytes (%d gzipped); dest.html: %d bytes%n",
        r.body().length(), gzipped(r.body().getBytes()), SiteRoutes.dest().size());
  }

  @Test
  void pinnedVersionShouldBeImmutableAndAnOldOneShouldNot() {
    String v = SiteRoutes.tag().version();

    assertThat(get("/rtdcs.js?v=" + v).getHeader("Cache-Control"))
        .isEqualTo("public, max-age=31536000, immutable");
    assertThat(get("/rtdcs.js?v=0123456789abcdef").getHeader("Cache-Control"))
        .isEqualTo("public, max-age=3600");
  }

  @Test
  void revalidationWithTheEtagShouldAnswerNotModifiedWithoutBody() {
    String etag = get("/rtdcs.js").getHeader("ETag");

    HttpResponse<Buffer> r = get("/rtdcs.js", "If-None-Match", etag);
    assertThat(r.statusCode()).isEqualTo(304);
    assertThat(r.body()).isNull();
    assertThat(get("/rtdcs.js", "If-None-Match", "\"stale\"").statusCode()).isEqualTo(200);
  }

  @Test
  void destinationIframeShouldBeCacheableHtmlThatAnswersOnlyItsParent() {
    HttpResponse<Buffer> r = get("/dest.html");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("public, max-age=3600");
    assertThat(r.getHeader("X-Frame-Options")).isNull();
    // only the pages of cors.origins (and the node's own) may frame it and be obeyed
    assertThat(r.getHeader("Content-Security-Policy"))
        .isEqualTo("frame-ancestors 'self' https://www.example.com");
    assertThat(r.bodyAsString())
        .contains("ev.source !== w.parent")
        .contains("parents = [\"https://www.example.com\"]")
        .contains("parents.indexOf(ev.origin) < 0")
        .doesNotContain("'*'")
        .contains("localStorage");
    assertThat(r.body().length()).isLessThan(3 * 1024);
  }

  @Test
  void headShouldAnswerHeadersOnly() {
    HttpResponse<Buffer> r = server.client.request(HttpMethod.HEAD, "/rtdcs.js").send().await();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("ETag")).isNotNull();
    assertThat(r.body()).isNull();
  }

  @Test
  void aScriptTagLoadsTheTagFromAnyPageButAFetchFromAnOriginOutsideCorsIsRefused() {
    // a <script src> or iframe navigation sends no Origin header, so CORS does not apply
    assertThat(get("/rtdcs.js").statusCode()).isEqualTo(200);
    // a fetch() from an origin not in cors.origins is refused
    assertThat(get("/rtdcs.js", "Origin", "https://evil.example").statusCode()).isEqualTo(403);
  }

  private static int gzipped(byte[] bytes) {
    try {
      var out = new java.io.ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(bytes);
      }
      return out.size();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
