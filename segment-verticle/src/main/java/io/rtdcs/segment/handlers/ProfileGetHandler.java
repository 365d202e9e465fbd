package io.rtdcs.segment.handlers;

import io.rtdcs.common.Addresses;
import io.rtdcs.segment.JsonFields;
import io.rtdcs.segment.RequestException;
import io.rtdcs.segment.store.IdLink;
import io.rtdcs.segment.store.Profile;
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
import java.util.Set;
import java.util.TreeSet;

/** {@code dcs.profiles.get}: the whole stored profile, 404 when there is none. */
public final class ProfileGetHandler implements Handler<Message<Object>> {
  private final ProfileStore store;
  private final Clock clock;

  public ProfileGetHandler(ProfileStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(Message<Object> message) {
    String uuid;
    try {
      uuid = Requests.uuid(JsonFields.object(message.body(), "body"), true);
    } catch (RuntimeException e) {
      Replies.fail(message, Addresses.PROFILE_GET, e);
      return;
    }
    store
        .get(uuid)
        .compose(
            p ->
                p == null
                    ? Future.failedFuture(RequestException.notFound("uuid", "no profile " + uuid))
                    : idLinks(uuid, p)
                        .map(
                            links ->
                                ProfileJson.full(uuid, p, clock.millis()).put("idLinks", links)))
        .onSuccess(message::reply)
        .onFailure(e -> Replies.fail(message, Addresses.PROFILE_GET, e));
  }

  /** The {@code rtdcs.ids} keys of the profile's synced and declared IDs that point to it. */
  private Future<JsonArray> idLinks(String uuid, Profile p) {
    Set<String> keys = new TreeSet<>();
    p.syncedIds().forEach((dpid, id) -> keys.add(IdLink.key(dpid, id)));
    p.declaredIds().forEach(d -> keys.add(IdLink.key(d.dpid(), d.dpuuid())));
    List<String> order = new ArrayList<>(keys);
    List<Future<IdLink>> lookups = new ArrayList<>();
    for (String key : order) {
      int colon = key.indexOf(':');
      lookups.add(
          store.lookup(Integer.parseInt(key.substring(0, colon)), key.substring(colon + 1)));
    }
    return Future.all(lookups)
        .map(
            all -> {
              JsonArray out = new JsonArray();
              for (int i = 0; i < order.size(); i++) {
                IdLink link = lookups.get(i).result();
                if (link != null && link.uuid().equals(uuid)) {
                  out.add(
                      new JsonObject().put("key", order.get(i)).put("linkedAt", link.linkedAt()));
                }
              }
              return out;
            });
  }
}
