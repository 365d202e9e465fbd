package io.rtdcs.partner.client;

/** Maps a partner call to the HTTP request to send. Pure: no I/O. */
public interface PartnerRequestFactory {
  OutboundRequest create(PartnerCall call);
}
