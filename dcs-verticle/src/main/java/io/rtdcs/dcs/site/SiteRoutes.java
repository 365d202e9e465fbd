package io.rtdcs.dcs.site;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * The site code (docs/site.md): the page tag {@code /rtdcs.js} and the destination-publishing
 * iframe {@code /dest.html}, GET and HEAD. Both are cached for {@value #MAX_AGE_SECONDS} s with an
 * ETag; {@code /rtdcs.js?v=<version>} with the current version (the ETag's value) is immutable for
 * a year, so a page can pin it and never ask again.
 */
public final class SiteRoutes {
  public static final String TAG_PATH = "/rtdcs.js";
  public static final String DEST_PATH = "/dest.html";
  public static final long MAX_AGE_SECONDS = 3600;
  public static final long IMMUTABLE_MAX_AGE_SECONDS = 31_536_000;

  private static final SiteAsset TAG =
      SiteAsset.load("io/rtdcs/dcs/site/rtdcs.js", "application/javascript; charset=utf-8");
  private static final SiteAsset DEST =
      SiteAsset.load("io/rtdcs/dcs/site/dest.html", "text/html; charset=utf-8");

  public static void mount(Router router) {
    for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
      router.route(method, TAG_PATH).handler(ctx -> tag(ctx.request()));
      router
          .route(method, DEST_PATH)
          .handler(ctx -> DEST.send(ctx.request(), MAX_AGE_SECONDS, false));
    }
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
    return DEST;
  }

  private SiteRoutes() {}
}
