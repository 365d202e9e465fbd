package io.rtdcs.partner.client;

import io.rtdcs.common.HmacSigner;
import io.vertx.core.http.HttpMethod;
import java.util.Objects;

/**
 * Adds the signature header to what the wrapped factory builds: GET signs path and query, POST
 * signs the raw body bytes (Audience Manager's rule; host and headers are not signed).
 */
public final class SigningRequestFactory implements PartnerRequestFactory {
  private final PartnerRequestFactory delegate;
  private final HmacSigner signer;
  private final String header;

  public SigningRequestFactory(PartnerRequestFactory delegate, HmacSigner signer, String header) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.header = Objects.requireNonNull(header, "header");
  }

  @Override
  public OutboundRequest create(PartnerCall call) {
    OutboundRequest request = delegate.create(call);
    String signature =
        request.method() == HttpMethod.GET || request.body() == null
            ? signer.sign(request.pathAndQuery())
            : signer.sign(request.body().getBytes());
    return request.withHeader(header, signature);
  }
}
