package io.rtdcs.partner.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.LongAdder;

/**
 * In-memory counters of this node's partner bridge (registrations, refused frames by kind,
 * connections refused at accept, closed for abuse, for an oversized frame, as slow readers or for a
 * changed token, open connections), shared through the Vert.x local map so a metrics registry can
 * read them later.
 */
public final class PartnerBridgeStats implements Shareable {
  private static final String LOCAL_MAP = "rtdcs.bridge.stats";
  private static final String KEY = "stats";

  private final LongAdder registrations = new LongAdder();
  private final LongAdder refusedRegistrations = new LongAdder();
  private final LongAdder refusedSends = new LongAdder();
  private final LongAdder refusedPublishes = new LongAdder();
  private final LongAdder refusedOther = new LongAdder();
  private final LongAdder closedForAbuse = new LongAdder();
  private final LongAdder refusedConnections = new LongAdder();
  private final LongAdder oversizedFrames = new LongAdder();
  private final LongAdder slowReaders = new LongAdder();
  private final LongAdder openConnections = new LongAdder();
  private final LongAdder revoked = new LongAdder();

  /** The node's instance, created on first use. */
  public static PartnerBridgeStats of(Vertx vertx) {
    return (PartnerBridgeStats)
        vertx
            .sharedData()
            .<String, Shareable>getLocalMap(LOCAL_MAP)
            .computeIfAbsent(KEY, k -> new PartnerBridgeStats());
  }

  void registered() {
    registrations.increment();
  }

  void refused(String frameType) {
    switch (frameType) {
      case "REGISTER" -> refusedRegistrations.increment();
      case "SEND" -> refusedSends.increment();
      case "PUBLISH" -> refusedPublishes.increment();
      default -> refusedOther.increment();
    }
  }

  void closedForAbuse() {
    closedForAbuse.increment();
  }

  void connectionOpened() {
    openConnections.increment();
  }

  void connectionClosed() {
    openConnections.decrement();
  }

  void connectionRefused() {
    refusedConnections.increment();
  }

  void oversizedFrame() {
    oversizedFrames.increment();
  }

  void slowReader() {
    slowReaders.increment();
  }

  void tokenRevoked() {
    revoked.increment();
  }

  /** Connections closed because the token of the partner they registered as changed. */
  public long revoked() {
    return revoked.sum();
  }

  /** Connections closed at accept because a connection limit was reached. */
  public long refusedConnections() {
    return refusedConnections.sum();
  }

  /** Connections closed because a frame header declared more than {@code bridge.maxFrameBytes}. */
  public long oversizedFrames() {
    return oversizedFrames.sum();
  }

  /** Connections closed because their write queue stayed full ({@code slowReaderTimeoutMs}). */
  public long slowReaders() {
    return slowReaders.sum();
  }

  public long openConnections() {
    return openConnections.sum();
  }

  public long registrations() {
    return registrations.sum();
  }

  public long refusedRegistrations() {
    return refusedRegistrations.sum();
  }

  public long refusedSends() {
    return refusedSends.sum();
  }

  public long refusedPublishes() {
    return refusedPublishes.sum();
  }

  /** Every refused frame, whatever its kind. */
  public long refused() {
    return refusedRegistrations.sum()
        + refusedSends.sum()
        + refusedPublishes.sum()
        + refusedOther.sum();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("registrations", registrations())
        .put("refusedRegistrations", refusedRegistrations())
        .put("refusedSends", refusedSends())
        .put("refusedPublishes", refusedPublishes())
        .put("refusedOther", refusedOther.sum())
        .put("closedForAbuse", closedForAbuse.sum())
        .put("refusedConnections", refusedConnections())
        .put("oversizedFrames", oversizedFrames())
        .put("slowReaders", slowReaders())
        .put("openConnections", openConnections())
        .put("revoked", revoked());
  }
}
