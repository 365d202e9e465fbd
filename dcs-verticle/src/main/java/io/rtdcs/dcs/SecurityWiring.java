package io.rtdcs.dcs;

import io.rtdcs.common.ConfigValues;
import io.rtdcs.dcs.consent.ConsentPolicy;
import io.rtdcs.dcs.http.AnswerSender;
import io.rtdcs.dcs.limits.AbuseLimitHandler;
import io.rtdcs.dcs.limits.AbuseLimits;
import io.rtdcs.dcs.limits.ClientAddress;
import io.rtdcs.dcs.limits.ForwardedHeadersFilter;
import io.rtdcs.dcs.limits.LimitsOptions;
import io.rtdcs.dcs.request.Identifiers;
import io.rtdcs.dcs.response.EventResponseWriter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * The privacy and abuse settings of {@link DcsVerticle}, read and validated from its config: abuse
 * limits ({@code limits.*}), trusted proxies ({@code trustedProxies}), consent ({@code consent.*})
 * and the separate admin listener ({@code admin.port}, {@code admin.host}).
 *
 * @param adminPort -1 = admin routes on the public port (the default); 0 = any free port
 */
record SecurityWiring(
    LimitsOptions limits,
    ClientAddress clients,
    ConsentPolicy consent,
    int adminPort,
    String adminHost) {

  static SecurityWiring from(JsonObject config) {
    return from(new ConfigValues(config));
  }

  /** Reads through {@code c}, which remembers the keys (see {@link ConfigValues#rejectUnknown}). */
  static SecurityWiring from(ConfigValues c) {
    return new SecurityWiring(
        LimitsOptions.from(c),
        new ClientAddress(c.strings("trustedProxies")),
        ConsentPolicy.from(c),
        c.intIn("admin.port", -1, 0, 65535),
        c.string("admin.host", "127.0.0.1"));
  }

  ForwardedHeadersFilter forwardedHeaders() {
    return new ForwardedHeadersFilter(clients);
  }

  AbuseLimitHandler abuseLimits(
      Vertx vertx,
      Clock clock,
      EventResponseWriter writer,
      AnswerSender sender,
      Identifiers ids,
      String cookieName,
      int region) {
    return new AbuseLimitHandler(
        AbuseLimits.shared(vertx, limits, clock),
        limits,
        clients,
        writer,
        sender,
        ids,
        cookieName,
        region);
  }
}
