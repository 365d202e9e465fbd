package io.rtdcs.partner.client;

import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** GET with a URL template: {@code ${UUID}}, {@code ${DPUUID}}, {@code ${TMAX}} (URL-encoded). */
public final class GetTemplateRequestFactory implements PartnerRequestFactory {
  private final String template;

  public GetTemplateRequestFactory(String template) {
    this.template = Objects.requireNonNull(template, "template");
  }

  @Override
  public OutboundRequest create(PartnerCall call) {
    String url =
        template
            .replace("${UUID}", encode(call.uuid()))
            .replace("${DPUUID}", encode(call.dpuuid()))
            .replace("${TMAX}", Long.toString(call.tmax()));
    return new OutboundRequest(
        HttpMethod.GET,
        url,
        UrlParts.pathAndQuery(url),
        Map.of("Accept", "application/json"),
        null);
  }

  private static String encode(String value) {
    return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
