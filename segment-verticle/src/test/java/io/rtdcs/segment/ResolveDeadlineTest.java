package io.rtdcs.segment;

import static io.rtdcs.segment.SegmentFixture.failure;
import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoader;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.store.Profile;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dcs.profiles.resolve} and {@code dcs.profiles.get} honour the {@code timeoutMs} their
 * requests carry: a profile whose load from the store does not come (a loader that blocks until the
 * test ends) is answered with 504 by then, instead of never (the sender has stopped waiting);
 * profiles that load answer as before, with or without a deadline.
 */
class ResolveDeadlineTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private static final CountDownLatch RELEASE = new CountDownLatch(1);
  private static HazelcastInstance member;
  private static Vertx vertx;

  /** Loads nothing; a key starting with "999" only once the test releases it. */
  public static final class BlockingLoader implements MapLoader<String, Profile> {
    @Override
    public Profile load(String key) {
      if (key.startsWith("999")) {
        try {
          RELEASE.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return null;
    }

    @Override
    public Map<String, Profile> loadAll(Collection<String> keys) {
      Map<String, Profile> out = new HashMap<>();
      for (String k : keys) {
        load(k);
      }
      return out;
    }

    @Override
    public Iterable<String> loadAllKeys() {
      return null;
    }
  }

  @BeforeAll
  static void start() {
    Config config = TestMembers.config("test-" + UUID.randomUUID());
    config
        .getMapConfig(ClusterMaps.PROFILES)
        .setMapStoreConfig(
            new MapStoreConfig().setEnabled(true).setImplementation(new BlockingLoader()));
    member = Hazelcast.newHazelcastInstance(config);
    vertx = Vertx.vertx();
    SegmentFixture.deploy(vertx, member, CLOCK, SegmentFixture.config());
  }

  @AfterAll
  static void stop() {
    RELEASE.countDown();
    SegmentFixture.await(vertx.close());
    member.shutdown();
  }

  @Test
  void aResolveWhoseProfileDoesNotLoadShouldFailWith504ByItsTimeout() {
    var failed =
        failure(
            vertx,
            Addresses.PROFILE_RESOLVE,
            new JsonObject().put("uuid", "9990001").put("timeoutMs", 100));
    assertThat(failed.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
    assertThat(failed.failureCode()).isEqualTo(504);
    assertThat(failed.getMessage())
        .isEqualTo("dcs.profiles.resolve: no answer within the request's timeoutMs (100 ms)");
  }

  @Test
  void aResolveWhoseProfileLoadsShouldAnswerWithOrWithoutATimeout() {
    JsonObject within =
        request(
            vertx,
            Addresses.PROFILE_RESOLVE,
            new JsonObject().put("uuid", "12345").put("timeoutMs", 5_000));
    assertThat(within.getBoolean("known")).isFalse();
    assertThat(within.getString("uuid")).isEqualTo("12345");
    JsonObject without =
        request(vertx, Addresses.PROFILE_RESOLVE, new JsonObject().put("uuid", "12346"));
    assertThat(without.getBoolean("known")).isFalse();
  }

  @Test
  void aNegativeTimeoutShouldBeRefused() {
    var refused =
        failure(
            vertx,
            Addresses.PROFILE_RESOLVE,
            new JsonObject().put("uuid", "12347").put("timeoutMs", -1));
    assertThat(refused.failureCode()).isEqualTo(400);
    assertThat(refused.getMessage()).contains("timeoutMs");
  }

  @Test
  void aProfileGetWhoseProfileDoesNotLoadShouldFailWith504ByItsTimeout() {
    var failed =
        failure(
            vertx,
            Addresses.PROFILE_GET,
            new JsonObject().put("uuid", "9990002").put("timeoutMs", 100));
    assertThat(failed.failureCode()).isEqualTo(504);
    assertThat(failed.getMessage())
        .isEqualTo("dcs.profiles.get: no answer within the request's timeoutMs (100 ms)");
    // a profile that loads answers as before: 404 for none
    assertThat(
            failure(
                    vertx,
                    Addresses.PROFILE_GET,
                    new JsonObject().put("uuid", "12348").put("timeoutMs", 5_000))
                .failureCode())
        .isEqualTo(404);
  }
}
