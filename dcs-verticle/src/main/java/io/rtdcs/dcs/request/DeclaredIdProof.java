package io.rtdcs.dcs.request;

import io.rtdcs.contract.DeclaredIdentity;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may name a person by a declared ID (docs/privacy.md). A declared ID is proven when the call
 * carries its signature, {@code d_cid_sig=DPID%01HEX} with HEX the lowercase hex HMAC-SHA256 of the
 * ID (its UTF-8 bytes) under the data source's secret ({@code dcs.declaredIds.secrets}), computed
 * by the site's server that knows who logged in; or when the call comes from an authenticated
 * server-to-server caller ({@code Authorization: Bearer} one of {@code
 * dcs.declaredIds.callerTokens}). Only a proven ID finds the profile linked to it, links it, or
 * opts it out; an unproven one is kept in the caller's own profile and reveals nothing.
 */
public final class DeclaredIdProof {
  /** Secrets and tokens shorter than this are refused at start. */
  public static final int MIN_SECRET_LENGTH = 32;

  public static final DeclaredIdProof NONE = new DeclaredIdProof(Map.of(), List.of());

  private final Map<Integer, SecretKeySpec> secrets;
  private final List<byte[]> callerTokens;

  /**
   * @param secrets data source id -> its signing secret (at least {@value #MIN_SECRET_LENGTH}
   *     characters)
   * @param callerTokens bearer tokens of trusted server-to-server callers (same minimum)
   */
  public DeclaredIdProof(Map<Integer, String> secrets, List<String> callerTokens) {
    Map<Integer, SecretKeySpec> keys = new TreeMap<>();
    secrets.forEach(
        (dpid, secret) -> {
          check(secret, "dcs.declaredIds.secrets." + dpid);
          keys.put(dpid, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        });
    this.secrets = Map.copyOf(keys);
    this.callerTokens =
        callerTokens.stream()
            .peek(t -> check(t, "dcs.declaredIds.callerTokens"))
            .map(t -> t.getBytes(StandardCharsets.UTF_8))
            .toList();
  }

  private static void check(String secret, String key) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH || secret.isBlank()) {
      throw new IllegalArgumentException(
          key + ": must be at least " + MIN_SECRET_LENGTH + " characters");
    }
  }

  /** The signature of {@code dpuuid} under {@code secret}: what a site's server puts in a call. */
  public static String sign(String secret, String dpuuid) {
    return HexFormat.of()
        .formatHex(
            mac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), dpuuid));
  }

  /** Whether {@code hexSignature} is the data source's signature of {@code dpuuid}. */
  public boolean proves(int dpid, String dpuuid, String hexSignature) {
    SecretKeySpec key = secrets.get(dpid);
    if (key == null || hexSignature == null || hexSignature.length() != 64) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hexSignature.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(key, dpuuid), given);
  }

  /** Whether the {@code Authorization} header names a trusted server-to-server caller. */
  public boolean trustedCaller(String authorization) {
    if (callerTokens.isEmpty() || authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] t : callerTokens) {
      match |= MessageDigest.isEqual(t, given);
    }
    return match;
  }

  /**
   * The declared IDs with {@code proven} set where the call proves them: all of them for a trusted
   * caller, else each whose data source's signature is among {@code signatures} (the {@code
   * d_cid_sig} values, {@code DPID<0x01>HEX}).
   */
  public List<DeclaredIdentity> mark(
      List<DeclaredIdentity> ids, List<String> signatures, String authorization) {
    if (ids.isEmpty() || isEmpty()) {
      return ids;
    }
    boolean trusted = trustedCaller(authorization);
    List<DeclaredIdentity> out = new java.util.ArrayList<>(ids.size());
    for (DeclaredIdentity d : ids) {
      out.add(trusted || signed(d, signatures) ? d.proved() : d);
    }
    return out;
  }

  private boolean signed(DeclaredIdentity d, List<String> signatures) {
    String prefix = d.dpid() + "\u0001";
    for (String s : signatures) {
      if (s.startsWith(prefix) && proves(d.dpid(), d.dpuuid(), s.substring(prefix.length()))) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return secrets.isEmpty() && callerTokens.isEmpty();
  }

  private static byte[] mac(SecretKeySpec key, String dpuuid) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(dpuuid.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
