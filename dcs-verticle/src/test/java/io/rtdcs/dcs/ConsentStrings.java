package io.rtdcs.dcs;

import com.iabtcf.encoder.TCStringEncoder;
import java.time.Instant;

/** TCF v2 consent strings built with the IAB's encoder, as a CMP would write them. */
public final class ConsentStrings {
  static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

  /** A CMP's string granting {@code purposes} and consent for {@code vendors}. */
  public static String tcf(int cmpId, int[] purposes, int... vendors) {
    TCStringEncoder.Builder b =
        TCStringEncoder.newBuilder()
            .version(2)
            .created(CREATED)
            .lastUpdated(CREATED)
            .cmpId(cmpId)
            .cmpVersion(1)
            .consentScreen(1)
            .consentLanguage("EN")
            .vendorListVersion(100)
            .tcfPolicyVersion(2)
            .isServiceSpecific(true);
    for (int p : purposes) {
      b.addPurposesConsent(p);
    }
    for (int v : vendors) {
      b.addVendorConsent(v);
    }
    return b.encode();
  }

  private ConsentStrings() {}
}
