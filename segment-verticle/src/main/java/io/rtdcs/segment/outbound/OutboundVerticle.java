package io.rtdcs.segment.outbound;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.HazelcastFutures;
import io.rtdcs.segment.definitions.DefinitionsRegistry;
import io.rtdcs.segment.definitions.MemberDefinitions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.util.Objects;

/**
 * Delivers the server-to-server pushes this member owns in {@code rtdcs.outbound}
 * (docs/outbound.md). One instance per node; every member that holds data should run it, since each
 * member only delivers the pending pushes of its own partitions.
 */
public final class OutboundVerticle extends VerticleBase {
  private final HazelcastInstance hz;
  private final Clock clock;
  private HttpClient httpClient;

  public OutboundVerticle(HazelcastInstance hz, Clock clock) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    OutboundOptions options;
    try {
      options = OutboundOptions.fromJson(config());
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
            vertx, httpClient, clock, OutboundMetrics.forInstance(hz), options.timeoutMs());
    OutboundDispatcher dispatcher =
        new OutboundDispatcher(vertx, context, hz, definitions, client, options, clock);
    return HazelcastFutures.onContext(definitions.ready(), context)
        .onSuccess(d -> vertx.setPeriodic(options.scanMs(), id -> dispatcher.scan()));
  }

  @Override
  public Future<?> stop() {
    return httpClient == null ? Future.succeededFuture() : httpClient.close();
  }
}
