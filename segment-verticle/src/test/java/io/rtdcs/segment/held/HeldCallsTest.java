package io.rtdcs.segment.held;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.MutableClock;
import io.rtdcs.segment.SegmentFixture;
import io.rtdcs.segment.TestMembers;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code dcs.calls.hold} / {@code dcs.calls.release} on a real member, and the sweeper that replays
 * held calls whose node left or that outlived their retry window. The replay address is served here
 * by a recording consumer standing in for the dcs verticles (their side: CallReplayHandlerTest and
 * DurableStateFaultsIT, which kills the holding node).
 */
@Timeout(60)
class HeldCallsTest {
  private static final String CALL = "{\"tid\":\"t1\",\"realize\":{\"uuid\":\"42\"}}";

  private List<HazelcastInstance> members;
  private HazelcastInstance hz;
  private Vertx vertx;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
  private final List<JsonObject> replayed = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> failWith = new ConcurrentHashMap<>();
  private IMap<String, String> map;

  @BeforeEach
  void start() {
    members = TestMembers.start(1);
    hz = members.get(0);
    map = hz.getMap(ClusterMaps.PENDING);
    vertx = Vertx.vertx();
    SegmentFixture.deploy(vertx, hz, clock, SegmentFixture.config());
    vertx
        .eventBus()
        .<Object>consumer(
            Addresses.CALL_REPLAY,
            m -> {
              JsonObject call = (JsonObject) m.body();
              replayed.add(call);
              Integer code = failWith.get(call.getString("tid"));
              if (code != null) {
                m.fail(code, "refused by the test");
              } else {
                m.reply(new JsonObject());
              }
            })
        .completion()
        .toCompletionStage()
        .toCompletableFuture()
        .join();
  }

  @AfterEach
  void stop() {
    SegmentFixture.await(vertx.close());
    TestMembers.shutdown(members);
  }

  @Test
  void aHoldShouldKeepTheCallUntilItIsReleased() {
    JsonObject reply = SegmentFixture.request(vertx, Addresses.CALL_HOLD, hold("t1", "node-a"));
    assertThat(reply.getBoolean("held")).isTrue();
    HeldCall held = HeldCall.decode(map.get("t1"));
    assertThat(held.holder()).isEqualTo("node-a");
    assertThat(held.heldAt()).isEqualTo(clock.millis());
    assertThat(held.retryForMs()).isEqualTo(30_000);
    assertThat(new JsonObject(held.call())).isEqualTo(new JsonObject(CALL));

    SegmentFixture.request(vertx, Addresses.CALL_RELEASE, new JsonObject().put("tid", "t1"));
    assertThat(map.containsKey("t1")).isFalse();
  }

  @Test
  void aWrongHoldShouldBeRefusedNamingTheFieldAndHoldNothing() {
    assertRefused(hold("t1", "a").put("retryForMs", 999), "retryForMs: must be between");
    assertRefused(hold("t1", "a").put("retryForMs", "30000"), "retryForMs: must be");
    assertRefused(hold("t1", "a").put("call", new JsonObject()), "call: must be a string");
    assertRefused(hold("t1", "a").put("call", "x".repeat(256 * 1024 + 1)), "call: longer than");
    assertRefused(hold("t1", "a").put("holder", "h".repeat(65)), "holder: must be at most");
    assertRefused(hold("t".repeat(65), "a"), "tid: must be 1 to 64 characters");
    assertRefused(hold("t1", "a").putNull("tid"), "tid: is required");
    ReplyException notObject =
        (ReplyException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    SegmentFixture.await(
                        vertx.eventBus().request(Addresses.CALL_HOLD, "not json")));
    assertThat(notObject.failureCode()).isEqualTo(400);
    assertThat(map.isEmpty()).isTrue();
  }

  @Test
  void aCallHeldByANodeThatLeftShouldBeReplayedOnceAndForgotten() {
    SegmentFixture.request(vertx, Addresses.CALL_HOLD, hold("t1", "node-gone"));
    HeldCallSweeper sweeper = sweeper();
    sweep(sweeper);
    await().atMost(Duration.ofSeconds(10)).until(() -> !map.containsKey("t1"));
    assertThat(replayed).containsExactly(new JsonObject(CALL));
    assertThat(sweeper.replayed()).isEqualTo(1);
  }

  @Test
  void aCallHeldByALiveNodeShouldWaitForItsRetryWindowThenBeReplayed() {
    String self = hz.getCluster().getLocalMember().getUuid().toString();
    SegmentFixture.request(vertx, Addresses.CALL_HOLD, hold("t1", self));
    HeldCallSweeper sweeper = sweeper();
    clock.advance(Duration.ofMillis(30_000 + HeldCallSweeper.GRACE_MS)); // not older than that yet
    sweepAndSettle(sweeper);
    assertThat(replayed).isEmpty();
    assertThat(map.containsKey("t1")).isTrue();

    clock.advance(Duration.ofMillis(1)); // its holder gave up, or its release was lost
    sweep(sweeper);
    await().atMost(Duration.ofSeconds(10)).until(() -> !map.containsKey("t1"));
    assertThat(replayed).hasSize(1);
  }

  @Test
  void aReplayThatFailsShouldKeepTheCallButOneRefusedAsInvalidShouldDropIt() {
    failWith.put("t1", 503);
    failWith.put("t2", 400);
    SegmentFixture.request(vertx, Addresses.CALL_HOLD, hold("t1", "node-gone"));
    SegmentFixture.request(
        vertx,
        Addresses.CALL_HOLD,
        hold("t2", "node-gone").put("call", "{\"tid\":\"t2\",\"realize\":{}}"));
    SegmentFixture.request(
        vertx, Addresses.CALL_HOLD, hold("t3", "node-gone").put("call", "not a JSON object"));
    HeldCallSweeper sweeper = sweeper();
    sweep(sweeper);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !map.containsKey("t2") && !map.containsKey("t3"));
    await().atMost(Duration.ofSeconds(10)).until(() -> sweeper.replayFailures() == 1);
    assertThat(map.containsKey("t1")).as("kept for the next sweep").isTrue();

    failWith.remove("t1");
    sweep(sweeper);
    await().atMost(Duration.ofSeconds(10)).until(map::isEmpty);
  }

  private static JsonObject hold(String tid, String holder) {
    return new JsonObject()
        .put("tid", tid)
        .put("holder", holder)
        .put("retryForMs", 30_000)
        .put("call", CALL);
  }

  private void assertRefused(JsonObject body, String message) {
    ReplyException e = SegmentFixture.failure(vertx, Addresses.CALL_HOLD, body);
    assertThat(e.failureCode()).isEqualTo(400);
    assertThat(e.getMessage()).contains(message);
  }

  private Context context;

  private HeldCallSweeper sweeper() {
    context = vertx.getOrCreateContext();
    return new HeldCallSweeper(vertx, hz, new PendingCalls(hz, context), clock);
  }

  private void sweep(HeldCallSweeper sweeper) {
    context.runOnContext(v -> sweeper.sweep());
  }

  /** A sweep that replays nothing shows no effect: run it, then wait until it listed the keys. */
  private void sweepAndSettle(HeldCallSweeper sweeper) {
    sweep(sweeper);
    // the listing runs off the loop and the decision on it: a second sweep is refused while the
    // first lists, so waiting for one to be accepted again means the first one finished
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              java.util.concurrent.CompletableFuture<Boolean> idle =
                  new java.util.concurrent.CompletableFuture<>();
              context.runOnContext(v -> idle.complete(sweeper.idle()));
              return idle.get();
            });
  }
}
