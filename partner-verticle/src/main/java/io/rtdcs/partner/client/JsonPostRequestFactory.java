package io.rtdcs.partner.client;

import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Objects;

/** POST {@code {uuid, dpuuid, signals, tmax, tid[, consent]}} as JSON to the partner's URL. */
public final class JsonPostRequestFactory implements PartnerRequestFactory {
  private final String url;
  private final String pathAndQuery;

  public JsonPostRequestFactory(String url) {
    this.url = Objects.requireNonNull(url, "url");
    this.pathAndQuery = UrlParts.pathAndQuery(url);
  }

  @Override
  public OutboundRequest create(PartnerCall call) {
    return new OutboundRequest(
        HttpMethod.POST,
        url,
        pathAndQuery,
        Map.of("Content-Type", "application/json", "Accept", "application/json"),
        call.toJson().toBuffer());
  }
}
