package io.rtdcs.partner.lookup;

import static io.rtdcs.partner.support.Partners.config;
import static io.rtdcs.partner.support.Partners.deploy;
import static io.rtdcs.partner.support.Partners.eventBus;
import static io.rtdcs.partner.support.Partners.lookup;
import static io.rtdcs.partner.support.Partners.lookupRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.partner.support.Partners.Timed;
import io.rtdcs.partner.support.TestHazelcast;
import io.rtdcs.partner.support.TimingSlack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Event-bus partners on dcs.partner.<dpid>: ok, unavailable, timeout, error. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class EventBusPartnerTest {
  private static HazelcastInstance hz;

  @BeforeAll
  static void startHazelcast() {
    hz = TestHazelcast.member("test-" + UUID.randomUUID(), false);
  }

  @AfterAll
  static void stopHazelcast() {
    hz.shutdown();
  }

  @BeforeEach
  void clearDefinitions() {
    TestHazelcast.reset(hz);
  }

  @Test
  void eventBusPartnerShouldGetTheProtocolJsonAndItsSegmentsShouldComeBack(Vertx vertx) {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    vertx
        .eventBus()
        .<JsonObject>consumer(
            Addresses.partner(9101),
            m -> {
              received.add(m.body());
              m.reply(new JsonObject("{\"segments\": [\"bus-segment\"], \"ttl\": 300}"));
            })
        .completion()
        .await();
    deploy(vertx, hz, config(eventBus(9101).put("signals", new JsonArray().add("c_category"))));
    JsonObject request =
        lookupRequest(100).put("syncedIds", new JsonObject().put("9101", "bus-id-1"));

    Timed timed = lookup(vertx, request);

    JsonObject outcome = timed.outcome(9101);
    assertThat(outcome.getString("outcome")).isEqualTo("ok");
    assertThat(outcome.getJsonArray("segments").getList()).containsExactly("bus-segment");
    assertThat(outcome.getLong("ttlSeconds")).isEqualTo(300);
    JsonObject seen = received.get(0);
    assertThat(seen.fieldNames())
        .containsExactlyInAnyOrder("uuid", "dpuuid", "signals", "tmax", "tid");
    assertThat(seen.getString("dpuuid")).isEqualTo("bus-id-1");
    assertThat(seen.getJsonObject("signals"))
        .isEqualTo(new JsonObject("{\"c_category\": [\"shoes\"]}"));
    assertThat(seen.getLong("tmax")).isBetween(1L, 95L);
  }

  @Test
  void eventBusPartnerWithoutConsumerShouldBeUnavailable(Vertx vertx) {
    deploy(vertx, hz, config(eventBus(9102)));

    Timed timed = lookup(vertx, lookupRequest(100));

    assertThat(timed.outcome(9102).getString("outcome")).isEqualTo("unavailable");
    assertThat(timed.elapsedMs()).isLessThan(100 + TimingSlack.ms());
  }

  @Test
  void eventBusPartnerThatNeverRepliesShouldTimeOutWithinTheBudget(Vertx vertx) {
    vertx.eventBus().consumer(Addresses.partner(9103), m -> {}).completion().await();
    vertx
        .eventBus()
        .consumer(
            Addresses.partner(9104),
            m -> m.reply(new JsonObject().put("segments", new JsonArray().add("fine"))))
        .completion()
        .await();
    deploy(vertx, hz, config(eventBus(9103), eventBus(9104)));
    lookup(vertx, lookupRequest(120));

    Timed timed = lookup(vertx, lookupRequest(120));

    assertThat(timed.outcome(9103).getString("outcome")).isEqualTo("timeout");
    assertThat(timed.outcome(9104).getJsonArray("segments").getList()).containsExactly("fine");
    assertThat(timed.elapsedMs()).isLessThanOrEqualTo(120 + TimingSlack.ms());
  }

  @Test
  void eventBusPartnerFailingOrAnsweringGarbageShouldBeAnError(Vertx vertx) {
    vertx
        .eventBus()
        .consumer(Addresses.partner(9105), m -> m.fail(500, "down"))
        .completion()
        .await();
    vertx
        .eventBus()
        .consumer(Addresses.partner(9106), m -> m.reply("not json"))
        .completion()
        .await();
    vertx
        .eventBus()
        .consumer(Addresses.partner(9107), m -> m.reply(new JsonObject().put("segments", "x")))
        .completion()
        .await();
    deploy(vertx, hz, config(eventBus(9105), eventBus(9106), eventBus(9107)));

    Timed timed = lookup(vertx, lookupRequest(100));

    assertThat(timed.outcome(9105).getString("outcome")).isEqualTo("error");
    assertThat(timed.outcome(9105).getString("detail")).contains("down");
    assertThat(timed.outcome(9106).getString("outcome")).isEqualTo("error");
    assertThat(timed.outcome(9107).getString("outcome")).isEqualTo("error");
  }
}
