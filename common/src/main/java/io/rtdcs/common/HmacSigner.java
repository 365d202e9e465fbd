package io.rtdcs.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC (RFC 2104) with the partner's key, Base64 of the MAC: how Audience Manager signs outbound
 * calls. The key is taken as UTF-8 bytes.
 */
public final class HmacSigner {
  private final String algorithm;
  private final SecretKeySpec key;

  public HmacSigner(String algorithm, String key) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm);
    mac(); // fail fast on an unknown algorithm
  }

  public String sign(byte[] message) {
    return Base64.getEncoder().encodeToString(mac().doFinal(message)).trim();
  }

  public String sign(String message) {
    return sign(message.getBytes(StandardCharsets.UTF_8));
  }

  private Mac mac() {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("signing.algorithm: " + e.getMessage(), e);
    }
  }
}
