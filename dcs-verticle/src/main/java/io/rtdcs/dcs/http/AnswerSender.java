package io.rtdcs.dcs.http;

import io.rtdcs.dcs.response.HttpAnswer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Writes an {@link HttpAnswer} to the wire, with the visitor cookie and no-cache headers. */
public final class AnswerSender {
  private final String cookieName;
  private final String cookieDomain;
  private final long cookieMaxAgeSeconds;

  public AnswerSender(String cookieName, String cookieDomain, int cookieMaxAgeDays) {
    this.cookieName = cookieName;
    this.cookieDomain = cookieDomain;
    this.cookieMaxAgeSeconds = cookieMaxAgeDays * 86_400L;
  }

  public void send(HttpServerResponse response, HttpAnswer answer) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(answer.status());
    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, must-revalidate");
    response.putHeader("X-Content-Type-Options", "nosniff");
    if (answer.contentType() != null) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType());
    }
    String errors = answer.errorHeader();
    if (errors != null) {
      response.putHeader("X-Error", errors);
    }
    if (answer.location() != null) {
      response.putHeader(HttpHeaders.LOCATION, answer.location());
    }
    if (answer.cookieUuid() != null) {
      Cookie cookie =
          Cookie.cookie(cookieName, answer.cookieUuid())
              .setPath("/")
              .setMaxAge(cookieMaxAgeSeconds)
              .setSecure(true)
              .setHttpOnly(false)
              .setSameSite(CookieSameSite.NONE);
      if (cookieDomain != null) {
        cookie.setDomain(cookieDomain);
      }
      response.addCookie(cookie);
    }
    response.end(answer.body());
  }
}
