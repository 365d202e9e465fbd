package io.rtdcs.segment.handlers;

import io.rtdcs.common.Addresses;
import io.rtdcs.contract.JsonFields;
import io.rtdcs.contract.RequestException;
import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.MemberDefinitions;
import io.rtdcs.segment.store.DeclaredId;
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

/**
 * {@code dcs.profiles.get}: the whole stored profile of a device ({@code uuid}) or of a person
 * ({@code dpid} and {@code dpuuid}: the declared ID's profile and its linked devices), each with
 * the merged view per merge rule; 404 when there is none. Within the request's {@code timeoutMs}
 * (504 after it, {@link ReplyDeadline}).
 */
public final class ProfileGetHandler implements Handler<Message<Object>> {
  private final ProfileStore store;
  private final MemberDefinitions definitions;
  private final Clock clock;

  public ProfileGetHandler(ProfileStore store, MemberDefinitions definitions, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(Message<Object> message) {
    String uuid;
    String person = null;
    ReplyDeadline deadline;
    try {
      JsonObject body = JsonFields.object(message.body(), "body");
      deadline = ReplyDeadline.of(Addresses.PROFILE_GET, body, clock);
      if (body.containsKey("dpid") && !body.containsKey("uuid")) {
        person =
            IdLink.key(
                JsonFields.requirePositiveInt(body, "dpid", "dpid"),
                Requests.dpuuid(body, "dpuuid"));
        uuid = null;
      } else {
        uuid = Requests.uuid(body, true);
      }
    } catch (RuntimeException e) {
      Replies.fail(message, Addresses.PROFILE_GET, e);
      return;
    }
    deadline
        .bound(person != null ? person(person) : device(uuid))
        .onSuccess(message::reply)
        .onFailure(e -> Replies.fail(message, Addresses.PROFILE_GET, e));
  }

  private Definitions definitions() {
    Definitions d = definitions.current();
    return d == null ? Definitions.EMPTY : d;
  }

  private Future<JsonObject> device(String uuid) {
    long now = clock.millis();
    return store
        .get(uuid)
        .compose(
            p ->
                p == null
                    ? Future.failedFuture(RequestException.notFound("uuid", "no profile " + uuid))
                    : Future.all(
                            idLinks(uuid, p),
                            MergedViewsJson.of(store, definitions(), uuid, p, now))
                        .map(
                            all -> {
                              JsonArray people = new JsonArray();
                              for (DeclaredId d : p.declaredIds()) {
                                if (d.proven() && d.authenticatedOnce()) {
                                  people.add(d.key());
                                }
                              }
                              return ProfileJson.full(uuid, p, now)
                                  .put("idLinks", all.resultAt(0))
                                  .put("people", people)
                                  .put("mergedViews", all.resultAt(1));
                            }));
  }

  /** A person's profile, the devices linked to the declared ID, the newest one's merged views. */
  private Future<JsonObject> person(String key) {
    long now = clock.millis();
    Future<Profile> person = store.getPerson(key);
    Future<IdLink> link = store.lookup(key);
    return Future.all(person, link)
        .compose(
            both -> {
              Profile p = person.result();
              IdLink l = link.result();
              if (p == null && l == null) {
                return Future.failedFuture(
                    RequestException.notFound("dpuuid", "no profile or link for " + key));
              }
              JsonObject out =
                  new JsonObject()
                      .put("person", key)
                      .put("profile", p == null ? null : ProfileJson.person(key, p, now))
                      .put("devices", new JsonArray(l == null ? List.of() : l.allDevices()));
              if (l == null) {
                return Future.succeededFuture(out.put("mergedViews", new JsonArray()));
              }
              return store
                  .get(l.uuid())
                  .compose(d -> MergedViewsJson.of(store, definitions(), l.uuid(), d, now))
                  .map(views -> out.put("mergedViewsOf", l.uuid()).put("mergedViews", views));
            });
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
