package io.rtdcs.dcs.site;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * The site code (docs/site.md): the page tag {@code /rtdcs.js} and the destination-publishing
 * iframe {@code /dest.html}, GET and HEAD. Both are cached for {@value #MAX_AGE_SECONDS} s with an
 * ETag; {@code /rtdcs.js?v=<version>} with the current version (the ETag's value) is immutable for
 * a year, so a page can pin it and never ask again.
 *
 * <p>{@code /dest.html} serves only the pages allowed to call {@code /event} with the visitor's
 * cookie ({@code dcs.cors.origins}) and its own origin: the browser refuses any other framing
 * parent ({@code Content-Security-Policy: frame-ancestors}), and the script ignores messages from
 * them.
 */
public final class SiteRoutes {
  public static final String TAG_PATH = "/rtdcs.js";
  public static final String DEST_PATH = "/dest.html";
  public static final long MAX_AGE_SECONDS = 3600;
  public static final long IMMUTABLE_MAX_AGE_SECONDS = 31_536_000;

  private static final SiteAsset TAG =
      SiteAsset.load("io/rtdcs/dcs/site/rtdcs.js", "application/javascript; charset=utf-8");
  private static final String DEST_TEMPLATE = SiteAsset.read("io/rtdcs/dcs/site/dest.html");
  private static final String PARENTS_SLOT = "/*PARENTS*/[]";

  /**
   * Mounts both files; {@code parentOrigins} are the origins (validated {@code https://host[:port]}
   * forms) whose pages may frame {@code /dest.html} besides the DCS's own.
   */
  public static void mount(Router router, List<String> parentOrigins) {
    SiteAsset dest = dest(parentOrigins);
    String policy =
        "frame-ancestors 'self'"
            + (parentOrigins.isEmpty() ? "" : " ")
            + String.join(" ", parentOrigins);
    for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
      router.route(method, TAG_PATH).handler(ctx -> tag(ctx.request()));
      router
          .route(method, DEST_PATH)
          .handler(
              ctx -> {
                ctx.response().putHeader("Content-Security-Policy", policy);
                dest.send(ctx.request(), MAX_AGE_SECONDS, false);
              });
    }
  }

  /** The iframe that answers pages of {@code parentOrigins} (and its own origin) only. */
  public static SiteAsset dest(List<String> parentOrigins) {
    if (!DEST_TEMPLATE.contains(PARENTS_SLOT)) {
      throw new IllegalStateException("dest.html lost its " + PARENTS_SLOT + " slot");
    }
    return new SiteAsset(
        DEST_TEMPLATE.replace(PARENTS_SLOT, new JsonArray(List.copyOf(parentOrigins)).encode()),
        "text/html; charset=utf-8");
  }

  private static void tag(HttpServerRequest request) {
    boolean pinned = TAG.version().equals(request.getParam("v"));
    TAG.send(request, pinned ? IMMUTABLE_MAX_AGE_SECONDS : MAX_AGE_SECONDS, pinned);
  }

  /** The served tag (compacted), for size checks and the versioned URL. */
  public static SiteAsset tag() {
    return TAG;
  }

  public static SiteAsset dest() {
    return dest(List.of());
  }

  private SiteRoutes() {}
}
