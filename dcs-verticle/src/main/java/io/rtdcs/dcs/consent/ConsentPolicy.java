package io.rtdcs.dcs.consent;

import com.iabtcf.decoder.TCString;
import io.rtdcs.common.ConfigValues;
import io.rtdcs.dcs.response.AamError;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides from {@code gdpr} / {@code gdpr_consent} (IAB TCF v2, decoded with the IAB's
 * iabtcf-decoder) whether rtdcs may store anything and call partners for this call. GDPR applies
 * only with {@code gdpr=1}; then the string must be a valid TCF v2 string granting purpose 1 (store
 * and access information on a device) and, when {@code consent.vendorId} is above 0, consent for
 * that vendor. Config (verticle keys; {@code dcs.consent.*} in the node config):
 *
 * <ul>
 *   <li>{@code consent.vendorId} (0): rtdcs's vendor id in the Global Vendor List; 0 = check the
 *       purposes only;
 *   <li>{@code consent.cmpIds} (empty): the CMP ids of the Global CMP List that are accepted; empty
 *       = any CMP (not checked);
 *   <li>{@code consent.deletedCmpIds} (empty): CMP ids deleted from the Global CMP List.
 * </ul>
 */
public final class ConsentPolicy {
  /** The longest consent string decoded (longer: refused as malformed). */
  static final int MAX_LENGTH = 8192;

  public static final ConsentPolicy CHECK_PURPOSES_ONLY = new ConsentPolicy(0, Set.of(), Set.of());

  private final int vendorId;
  private final Set<Integer> cmpIds;
  private final Set<Integer> deletedCmpIds;

  public ConsentPolicy(int vendorId, Set<Integer> cmpIds, Set<Integer> deletedCmpIds) {
    this.vendorId = vendorId;
    this.cmpIds = Set.copyOf(cmpIds);
    this.deletedCmpIds = Set.copyOf(deletedCmpIds);
  }

  public static ConsentPolicy from(JsonObject config) {
    return from(new ConfigValues(config));
  }

  /** Reads through {@code c}, which remembers the keys (see {@link ConfigValues#rejectUnknown}). */
  public static ConsentPolicy from(ConfigValues c) {
    List<Integer> gcl = c.ints("consent.cmpIds", 1, 4095);
    List<Integer> deleted = c.ints("consent.deletedCmpIds", 1, 4095);
    return new ConsentPolicy(
        c.intIn("consent.vendorId", 0, 0, 65535), Set.copyOf(gcl), Set.copyOf(deleted));
  }

  /** The consent of a parsed {@code /event} ({@code {"gdpr": 1, "gdprConsent": "..."}}). */
  public AamError check(Map<String, Object> consent) {
    Object gdpr = consent.get("gdpr");
    Object tc = consent.get("gdprConsent");
    return check(gdpr == null ? null : gdpr.toString(), tc instanceof String s ? s : null);
  }

  /**
   * Null when the call may proceed (GDPR does not apply, or the string grants what rtdcs needs),
   * else the error to answer with: 313, 314 or 315.
   */
  public AamError check(String gdpr, String consentString) {
    if (!"1".equals(gdpr)) {
      return null;
    }
    if (consentString == null || consentString.isEmpty()) {
      return new AamError(AamError.NO_CONSENT, "gdpr=1 without gdpr_consent: no consent");
    }
    if (consentString.length() > MAX_LENGTH) {
      return malformed();
    }
    int cmpId;
    boolean storage;
    boolean vendor;
    try {
      TCString tc = TCString.decode(consentString);
      if (tc.getVersion() != 2) {
        return new AamError(
            AamError.NO_CONSENT, "gdpr_consent: TCF version " + tc.getVersion() + " not accepted");
      }
      cmpId = tc.getCmpId();
      storage = tc.getPurposesConsent().contains(1);
      vendor = vendorId == 0 || tc.getVendorConsent().contains(vendorId);
    } catch (RuntimeException e) {
      return malformed();
    }
    if (deletedCmpIds.contains(cmpId)) {
      return new AamError(AamError.CMP_DELETED, "gdpr_consent: CMP " + cmpId + " was deleted");
    }
    if (!cmpIds.isEmpty() && !cmpIds.contains(cmpId)) {
      return new AamError(
          AamError.CMP_NOT_IN_GCL, "gdpr_consent: CMP " + cmpId + " is not in the CMP list");
    }
    if (!storage) {
      return new AamError(AamError.NO_CONSENT, "gdpr_consent: no consent for purpose 1 (storage)");
    }
    if (!vendor) {
      return new AamError(AamError.NO_CONSENT, "gdpr_consent: no consent for vendor " + vendorId);
    }
    return null;
  }

  private static AamError malformed() {
    return new AamError(AamError.NO_CONSENT, "gdpr_consent: not a valid TCF v2 string; no consent");
  }
}
