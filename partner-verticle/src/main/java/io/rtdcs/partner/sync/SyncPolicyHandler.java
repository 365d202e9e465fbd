package io.rtdcs.partner.sync;

import io.rtdcs.partner.definition.JsonFields;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.rtdcs.partner.definition.SyncSettings;
import io.rtdcs.partner.lookup.PartnerRegistry;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code dcs.partners.sync-policy}: may /ibs redirect to {@code redir} for {@code dpid}? Only an
 * http(s) URL whose host is in the partner's {@code sync.redirectHosts} (no open redirect).
 */
public final class SyncPolicyHandler implements Handler<Message<Object>> {
  private final Supplier<PartnerRegistry> registry;

  public SyncPolicyHandler(Supplier<PartnerRegistry> registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void handle(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body)) {
      message.fail(400, "body: must be a JSON object");
      return;
    }
    int dpid;
    String redir;
    try {
      JsonFields f = new JsonFields(body, "");
      dpid = (int) f.integer("dpid", 1, Integer.MAX_VALUE, null);
      redir = f.string("redir", null);
    } catch (IllegalArgumentException e) {
      message.fail(400, e.getMessage());
      return;
    }
    PartnerRegistry.Entry entry = registry.get().get(dpid);
    boolean known = entry != null;
    boolean allowed = known && allowed(entry.definition(), redir);
    message.reply(new JsonObject().put("known", known).put("allowed", allowed));
  }

  static boolean allowed(PartnerDefinition definition, String redir) {
    SyncSettings sync = definition.sync();
    if (sync == null || sync.redirectHosts().isEmpty()) {
      return false;
    }
    String host = redirectHost(redir);
    return host != null && sync.redirectHosts().contains(host);
  }

  /** The host of an absolute http(s) URL (the {@code ${DD_UUID}} macro allowed), else null. */
  static String redirectHost(String redir) {
    try {
      URI uri = new URI(redir.replace("${DD_UUID}", "0"));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return null;
      }
      if (uri.getRawUserInfo() != null || uri.getHost() == null) {
        return null;
      }
      return uri.getHost().toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
