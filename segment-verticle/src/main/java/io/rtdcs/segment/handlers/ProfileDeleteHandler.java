package io.rtdcs.segment.handlers;

import io.rtdcs.common.Addresses;
import io.rtdcs.segment.store.DeclaredId;
import io.rtdcs.segment.store.ProfileEraser;
import io.rtdcs.segment.store.ProfileStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code dcs.profiles.delete}: a data-subject deletion. Erases the uuid and every profile its
 * declared IDs link to (profile, partner answers, ID links, outbound pushes), and the people's
 * profiles of those declared IDs with their links ({@code people}). An opted-out visitor keeps a
 * bare opt-out marker (no data), so the opt-out outlives the deletion.
 */
public final class ProfileDeleteHandler implements Handler<Message<Object>> {
  private final ProfileStore store;
  private final ProfileEraser eraser;
  private final Clock clock;

  public ProfileDeleteHandler(ProfileStore store, ProfileEraser eraser, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.eraser = Objects.requireNonNull(eraser, "eraser");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(Message<Object> message) {
    PrivacyTargets.Request request;
    try {
      request = PrivacyTargets.Request.parse(message.body());
    } catch (RuntimeException e) {
      Replies.fail(message, Addresses.PROFILE_DELETE, e);
      return;
    }
    PrivacyTargets.resolve(store, request)
        .compose(
            uuids -> {
              List<Future<JsonObject>> erasures = new ArrayList<>();
              for (String u : uuids) {
                erasures.add(erase(u));
              }
              List<Future<JsonObject>> people = new ArrayList<>();
              for (DeclaredId d : request.declared()) {
                people.add(erasePerson(d.key()));
              }
              return Future.all(Future.all(erasures), Future.all(people))
                  .map(
                      done -> {
                        JsonArray out = new JsonArray();
                        erasures.forEach(f -> out.add(f.result()));
                        JsonArray persons = new JsonArray();
                        people.forEach(f -> persons.add(f.result()));
                        return new JsonObject().put("deleted", out).put("people", persons);
                      });
            })
        .onSuccess(message::reply)
        .onFailure(e -> Replies.fail(message, Addresses.PROFILE_DELETE, e));
  }

  /** A person's profile and its link; an opted-out person keeps a bare opt-out marker. */
  private Future<JsonObject> erasePerson(String key) {
    return eraser
        .erasePerson(key, clock.millis())
        .compose(
            erased -> {
              JsonObject json =
                  new JsonObject()
                      .put("person", key)
                      .put("profile", erased.profile())
                      .put("idLink", erased.idLink())
                      .put("optOutKept", erased.optedOut());
              return erased.optedOut()
                  ? store.optOutPerson(key, clock.millis()).map(json)
                  : Future.succeededFuture(json);
            });
  }

  private Future<JsonObject> erase(String uuid) {
    return eraser
        .erase(uuid, clock.millis())
        .compose(
            erased -> {
              JsonObject json =
                  new JsonObject()
                      .put("uuid", uuid)
                      .put("profile", erased.profile())
                      .put("idLinks", new JsonArray(erased.idLinks()))
                      .put("partnerAnswers", new JsonArray(erased.partnerAnswers()))
                      .put("outboundPushes", new JsonArray(erased.outboundPushes()))
                      .put("optOutKept", erased.optedOut());
              return erased.optedOut()
                  ? store.optOut(uuid, clock.millis()).map(json)
                  : Future.succeededFuture(json);
            });
  }
}
