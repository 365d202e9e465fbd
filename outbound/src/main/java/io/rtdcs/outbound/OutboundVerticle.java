package io.rtdcs.outbound;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.HazelcastFutures;
import io.rtdcs.common.Meters;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.segment.definitions.DefinitionsRegistry;
import io.rtdcs.segment.definitions.MemberDefinitions;
import io.rtdcs.segment.outbound.OutboundMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the server-to-server pushes this member owns in {@code rtdcs.outbound}
 * (docs/outbound.md). One instance per node; every member that holds data should run it, since each
 * member only delivers the pending pushes of its own partitions.
 */
public final class OutboundVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundVerticle.class);
  private static final long STATS_LOG_MS = 10_000;

  private final HazelcastInstance hz;
  private final Clock clock;
  private HttpClient httpClient;
  private OutboundDispatcher dispatcher;

  public OutboundVerticle(HazelcastInstance hz, Clock clock) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    OutboundOptions options;
    OutboundAddressPolicy egress;
    try {
      options = OutboundOptions.fromJson(config());
      egress = OutboundAddressPolicy.fromVerticleConfig(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    MemberDefinitions definitions = DefinitionsRegistry.forInstance(hz);
    httpClient =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(Math.min(256, options.maxInFlight() * 2)));
    PushClient client =
        new PushClient(
            vertx, httpClient, clock, OutboundMetrics.forInstance(hz), options.timeoutMs(), egress);
    dispatcher = new OutboundDispatcher(vertx, context, hz, definitions, client, options, clock);
    OutboundMetrics metrics = OutboundMetrics.forInstance(hz);
    metrics.bind(Meters.registry(vertx));
    String[] last = {""};
    vertx.setPeriodic(
        STATS_LOG_MS,
        id -> {
          String now = metrics.toJson().encode();
          if (!now.equals(last[0])) {
            last[0] = now;
            LOG.info("outbound pushes of this member: {}", now);
          }
        });
    return HazelcastFutures.onContext(definitions.ready(), context)
        .onSuccess(d -> dispatcher.start());
  }

  @Override
  public Future<?> stop() {
    if (dispatcher != null) {
      dispatcher.stop();
    }
    return httpClient == null ? Future.succeededFuture() : httpClient.close();
  }
}
