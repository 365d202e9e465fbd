package io.rtdcs.partner.demo;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The demo partner's ID sync, the target of the sync URL {@code /sync?aam=%DID%}: records the call
 * and redirects (302) back to the node's {@code /ibs:dpid=9001&dpuuid=<the partner's id for this
 * visitor>}, which maps the partner's id to the visitor. The node's base URL is {@code return}
 * (query) or else the {@code syncReturn} config; only loopback hosts are accepted, so this is no
 * open redirect.
 */
public final class DemoSyncHandler {
  static final int DPID = 9001;
  private static final Pattern AAM_UUID = Pattern.compile("\\d{38}");
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private final AtomicLong calls = new AtomicLong();
  private final AtomicReference<String> last = new AtomicReference<>();

  void handle(HttpServerRequest request, String syncReturn) {
    String aam = request.getParam("aam");
    if (aam == null || !AAM_UUID.matcher(aam).matches()) {
      request.response().setStatusCode(400).end("aam: expected the 38-digit visitor id");
      return;
    }
    String base = request.getParam("return");
    String error = base == null ? null : checkReturn(base);
    if (error != null) {
      request.response().setStatusCode(400).end("return: " + error);
      return;
    }
    calls.incrementAndGet();
    last.set(aam);
    String node = (base == null ? syncReturn : base).replaceAll("/+$", "");
    request
        .response()
        .setStatusCode(302)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader(HttpHeaders.LOCATION, node + "/ibs:dpid=" + DPID + "&dpuuid=" + partnerId(aam))
        .end();
  }

  /** The partner's own (stable) id for a visitor. */
  public static String partnerId(String aam) {
    return "demo-" + Integer.toHexString(aam.hashCode());
  }

  /** Null when {@code url} is an http(s) base URL on a loopback host, else what is wrong. */
  static String checkReturn(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "must be an http(s) URL, was " + url;
      }
      if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
        return "must be a base URL without user, query or fragment, was " + url;
      }
      if (!LOOPBACK.contains(host)) {
        return "only loopback hosts " + LOOPBACK + " are accepted, was " + url;
      }
      return null;
    } catch (URISyntaxException e) {
      return "not a URL: " + url;
    }
  }

  long calls() {
    return calls.get();
  }

  String last() {
    return last.get();
  }
}
