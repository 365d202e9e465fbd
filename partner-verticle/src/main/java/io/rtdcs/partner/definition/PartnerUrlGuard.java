package io.rtdcs.partner.definition;

import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Objects;

/**
 * Refuses a partner definition whose URL resolves to an internal address that {@code egress.allow}
 * does not name ({@link OutboundAddressPolicy}), when it is written (admin put) and when the node
 * starts with it in its config. The name lookup runs on a worker thread.
 */
public final class PartnerUrlGuard {
  private final Vertx vertx;
  private final OutboundAddressPolicy policy;

  public PartnerUrlGuard(Vertx vertx, OutboundAddressPolicy policy) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Fails with {@code IllegalArgumentException("url: <why>")} when the URL is refused. */
  public Future<Void> check(PartnerDefinition definition) {
    return check(List.of(definition), "");
  }

  /**
   * Checks every definition; fails with {@code IllegalArgumentException("<prefix>[i].url: <why>")}
   * (no prefix: {@code "url: <why>"}) for the first one refused.
   */
  public Future<Void> check(List<PartnerDefinition> definitions, String prefix) {
    if (definitions.stream().noneMatch(PartnerUrlGuard::callsOut)) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          for (int i = 0; i < definitions.size(); i++) {
            PartnerDefinition d = definitions.get(i);
            String refused = callsOut(d) ? policy.checkUrl(d.url()) : null;
            if (refused != null) {
              String field = prefix.isEmpty() ? "url" : prefix + "[" + i + "].url";
              throw new IllegalArgumentException(field + ": " + refused);
            }
          }
          return null;
        },
        false);
  }

  /** Only HTTP partners call a URL from the node; sync URLs are loaded by visitors' browsers. */
  private static boolean callsOut(PartnerDefinition d) {
    return d.type() == PartnerType.HTTP && d.url() != null;
  }
}
