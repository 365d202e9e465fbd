package io.rtdcs.segment.handlers;

import io.rtdcs.common.Addresses;
import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.MemberDefinitions;
import io.rtdcs.segment.outbound.Outbox;
import io.rtdcs.segment.store.DeclaredId;
import io.rtdcs.segment.store.ProfileStore;
import io.rtdcs.segment.store.RealizeResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code dcs.profiles.optout}: opts out the uuid, every profile its declared IDs link to and the
 * people's profiles of those declared IDs ({@code people}: their "dpid:id" keys); after the reply,
 * the segments they left are queued as status 0 for server-to-server destinations.
 */
public final class OptOutHandler implements Handler<Message<Object>> {
  private final ProfileStore store;
  private final MemberDefinitions definitions;
  private final Outbox outbox;
  private final Clock clock;
  private final SegmentMeters meters;

  public OptOutHandler(
      ProfileStore store,
      MemberDefinitions definitions,
      Outbox outbox,
      Clock clock,
      SegmentMeters meters) {
    this.store = Objects.requireNonNull(store, "store");
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  @Override
  public void handle(Message<Object> message) {
    PrivacyTargets.Request request;
    try {
      request = PrivacyTargets.Request.parse(message.body());
    } catch (RuntimeException e) {
      Replies.fail(message, Addresses.PROFILE_OPTOUT, e);
      return;
    }
    long now = clock.millis();
    PrivacyTargets.resolve(store, request)
        .compose(
            order -> {
              List<Future<RealizeResult>> writes = new ArrayList<>();
              for (String u : order) {
                writes.add(store.optOut(u, now));
              }
              // the people's profiles of the proven declared IDs (they hold no segments to push)
              List<Future<RealizeResult>> people = new ArrayList<>();
              for (DeclaredId d : request.declared()) {
                people.add(store.optOutPerson(d.key(), now));
              }
              return Future.all(Future.all(writes), Future.all(people))
                  .map(
                      v -> {
                        Map<String, RealizeResult> left = new LinkedHashMap<>();
                        for (int i = 0; i < order.size(); i++) {
                          left.put(order.get(i), writes.get(i).result());
                        }
                        return left;
                      });
            })
        .onSuccess(
            left -> {
              meters.optedOut(left.size());
              JsonArray people = new JsonArray();
              request.declared().forEach(d -> people.add(d.key()));
              message.reply(
                  new JsonObject()
                      .put("optedOut", new JsonArray(new ArrayList<>(left.keySet())))
                      .put("people", people));
              queuePushes(left, now);
            })
        .onFailure(e -> Replies.fail(message, Addresses.PROFILE_OPTOUT, e));
  }

  /** After the reply: status 0 to server-to-server destinations (a privacy request). */
  private void queuePushes(Map<String, RealizeResult> left, long now) {
    Definitions defs = definitions.current();
    if (defs == null) {
      return;
    }
    left.forEach((uuid, result) -> outbox.enqueue(defs, uuid, result, now));
  }
}
