package io.rtdcs.partner.client;

import java.net.URI;

/** The path-and-query part of a URL, as Audience Manager signs GET requests. */
final class UrlParts {
  static String pathAndQuery(String url) {
    URI uri = URI.create(url);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private UrlParts() {}
}
