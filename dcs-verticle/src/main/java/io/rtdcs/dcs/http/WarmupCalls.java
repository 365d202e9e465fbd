package io.rtdcs.dcs.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Tells the node's own warm-up calls apart: they carry this process's secret ({@code
 * NodeState.warmupToken}) in {@value #HEADER}, compared in constant time. A warm-up call runs the
 * real path but asks no partner, stores nothing and counts in no admission decision.
 */
public final class WarmupCalls {
  public static final String HEADER = "X-Rtdcs-Warmup";

  private final byte[] token;

  public WarmupCalls(String token) {
    this.token = Objects.requireNonNull(token, "token").getBytes(StandardCharsets.UTF_8);
  }

  public boolean isWarmup(String header) {
    return header != null && MessageDigest.isEqual(token, header.getBytes(StandardCharsets.UTF_8));
  }
}
