package io.rtdcs.segment.definitions;

import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.contract.RequestException;

/**
 * Refuses a server-to-server destination whose {@code url} or {@code oauth.tokenUrl} resolves to an
 * internal address that {@code egress.allow} does not name ({@link OutboundAddressPolicy}). Cookie
 * and URL destinations are loaded by visitors' browsers, not by the node, and are not checked.
 * Blocking (name lookups): call it on a worker thread.
 */
public final class DestinationUrlGuard {
  private DestinationUrlGuard() {}

  /** Throws a 400 {@link RequestException} naming {@code url} or {@code oauth.tokenUrl}. */
  public static void check(DestinationDefinition d, OutboundAddressPolicy policy) {
    S2sSettings s2s = d.s2s();
    if (s2s == null) {
      return;
    }
    String refused = policy.checkUrl(s2s.url());
    if (refused != null) {
      throw RequestException.badRequest("url", refused);
    }
    if (s2s.oauth() != null) {
      refused = policy.checkUrl(s2s.oauth().tokenUrl());
      if (refused != null) {
        throw RequestException.badRequest("oauth.tokenUrl", refused);
      }
    }
  }
}
