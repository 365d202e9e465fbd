package io.rtdcs.partner;

import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.contract.LookupRequest;
import io.rtdcs.partner.definition.PartnerDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The partners and the visitor of the warm-up, as the JSON a real definition and a real lookup
 * request are, parsed by the same code: a JSON POST partner, a GET template partner and a POST
 * partner that signs with HMAC, all on the throw-away partner's loopback port, and an egress policy
 * that opens 127.0.0.1 alone, for the warm-up's own client. Their dpids are at the top of the range
 * so that they cannot be mistaken for a real partner in a log line.
 */
final class SyntheticPartners {
  static final int POST_DPID = 2_147_483_001;
  static final int GET_DPID = 2_147_483_002;
  static final int SIGNED_DPID = 2_147_483_003;
  static final String SIGNATURE_HEADER = "X-Signature";

  private static final String SIGNAL = "c_warmup";

  /** The policy of the warm-up's client: loopback IPv4 only, nothing else internal. */
  static OutboundAddressPolicy egress() {
    return new OutboundAddressPolicy(List.of(WarmupPartnerServer.HOST + "/32"));
  }

  /**
   * The three definitions on {@code 127.0.0.1:port}, parsed and validated by {@link
   * PartnerDefinition#fromJson}. A breaker that a cold start's slow first calls do not open.
   */
  static List<PartnerDefinition> definitions(int port, long timeoutMs) {
    String base = "http://" + WarmupPartnerServer.HOST + ":" + port;
    return List.of(
        PartnerDefinition.fromJson(
            definition(POST_DPID, "warm-up POST (loopback)", base + "/post", timeoutMs)),
        PartnerDefinition.fromJson(
            definition(
                    GET_DPID,
                    "warm-up GET (loopback)",
                    base + "/get?u=${UUID}&d=${DPUUID}&t=${TMAX}",
                    timeoutMs)
                .put("method", "GET")),
        PartnerDefinition.fromJson(
            definition(SIGNED_DPID, "warm-up signed POST (loopback)", base + "/signed", timeoutMs)
                .put(
                    "signing",
                    new JsonObject()
                        .put("algorithm", "HmacSHA256")
                        .put("header", SIGNATURE_HEADER)
                        .put("key", "warm-up-only"))
                .put(
                    "sync",
                    new JsonObject()
                        .put("url", "https://sync.invalid/warm-up?id=%DID%")
                        .put("redirectHosts", new JsonArray().add("sync.invalid")))));
  }

  private static JsonObject definition(int dpid, String name, String url, long timeoutMs) {
    return new JsonObject()
        .put("dpid", dpid)
        .put("name", name)
        .put("type", "http")
        .put("url", url)
        .put("timeoutMs", timeoutMs)
        .put("signals", new JsonArray().add(SIGNAL))
        .put("cacheTtlSeconds", 60)
        .put("breaker", new JsonObject().put("maxFailures", 10_000).put("windowMs", 100));
  }

  /**
   * Lookup {@code n} of the warm-up, as {@code dcs.partners.lookup} gets it, parsed by {@link
   * LookupRequest#of}: a synced id for the GET partner, consent, and a private signal that must be
   * dropped.
   */
  static LookupRequest lookup(int n, long timeoutMs) {
    return LookupRequest.of(
        new JsonObject()
            .put("tid", "warmup-" + n)
            .put("timeoutMs", timeoutMs)
            .put("uuid", String.format("%038d", n))
            .put(
                "signals",
                new JsonObject()
                    .put(SIGNAL, new JsonArray().add("w" + (n % 10)))
                    .put("p_private", new JsonArray().add("never sent")))
            .put("syncedIds", new JsonObject().put(Integer.toString(GET_DPID), "warm-" + n))
            .put("consent", new JsonObject().put("gdpr", 0)));
  }

  private SyntheticPartners() {}
}
