package io.rtdcs.segment.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.HazelcastFutures;
import io.rtdcs.store.PrivacyMark;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Erases everything stored about one visitor (a data-subject deletion request): the profile with
 * its partner answers, every {@code rtdcs.ids} link that points to it, and its queued outbound
 * pushes ({@code rtdcs.outbound}, keys {@code destinationId|uuid}). The profile goes with one
 * {@code removeAsync}; the link and outbox scans are cluster-wide predicate queries, run on a
 * worker thread (a deletion is a rare admin call, never on the /event path).
 */
public final class ProfileEraser {
  /** The outbox of server-to-server pushes, keyed {@code destinationId|uuid}. */
  public static final String OUTBOUND_MAP = "rtdcs.outbound";

  private final HazelcastInstance hz;
  private final Context context;
  private final IMap<String, Profile> profiles;

  public ProfileEraser(HazelcastInstance hz, Context context) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.context = Objects.requireNonNull(context, "context");
    this.profiles = hz.getMap(ClusterMaps.PROFILES);
  }

  /** What one erasure removed. */
  public record Erased(
      String uuid,
      boolean profile,
      boolean optedOut,
      List<String> idLinks,
      List<Integer> partnerAnswers,
      List<String> outboundPushes) {}

  /**
   * Removes everything about {@code uuid}; completes with what was there. The deletion is written
   * through first ({@code rtdcs.privacy}: the database's rows go, and no profile written behind
   * from before the deletion is ever stored or loaded again), then memory is cleared.
   */
  public Future<Erased> erase(String uuid, long now) {
    IMap<String, PrivacyMark> privacy = hz.getMap(ClusterMaps.PRIVACY);
    return HazelcastFutures.onContext(
            privacy.setAsync(uuid, PrivacyMark.NONE.deleted(now)), context)
        .compose(v -> HazelcastFutures.onContext(profiles.removeAsync(uuid), context))
        .compose(
            p ->
                context
                    .owner()
                    .executeBlocking(
                        () -> List.of(removeLinks(uuid, p), removeOutbound(uuid)), false)
                    .map(
                        scans ->
                            new Erased(
                                uuid,
                                p != null,
                                p != null && p.optedOut(),
                                scans.get(0),
                                p == null ? List.of() : new ArrayList<>(p.partners().keySet()),
                                scans.get(1))));
  }

  /** What erasing a person's profile removed. */
  public record ErasedPerson(String key, boolean profile, boolean optedOut, boolean idLink) {}

  /**
   * Removes the person's profile {@code key} ("dpid:id", {@code rtdcs.people}) and the declared
   * ID's link; like {@link #erase}, the deletion is written through first, so that neither comes
   * back from the database.
   */
  public Future<ErasedPerson> erasePerson(String key, long now) {
    IMap<String, PrivacyMark> privacy = hz.getMap(ClusterMaps.PRIVACY);
    IMap<String, Profile> people = hz.getMap(ClusterMaps.PEOPLE);
    IMap<String, IdLink> ids = hz.getMap(ClusterMaps.IDS);
    return HazelcastFutures.onContext(privacy.setAsync(key, PrivacyMark.NONE.deleted(now)), context)
        .compose(
            v -> {
              Future<Profile> person = HazelcastFutures.onContext(people.removeAsync(key), context);
              Future<IdLink> link = HazelcastFutures.onContext(ids.removeAsync(key), context);
              return Future.all(person, link)
                  .map(
                      all ->
                          new ErasedPerson(
                              key,
                              person.result() != null,
                              person.result() != null && person.result().optedOut(),
                              link.result() != null));
            });
  }

  /**
   * Every link that names the uuid: pointing to it (removed) or remembering it as an earlier device
   * (the uuid leaves the history). Found by cluster-wide queries, plus the profile's own IDs.
   */
  private List<String> removeLinks(String uuid, Profile profile) {
    IMap<String, IdLink> ids = hz.getMap(ClusterMaps.IDS);
    Set<String> keys = new TreeSet<>(ids.keySet(Predicates.equal("uuid", uuid)));
    keys.addAll(ids.keySet(Predicates.equal("devices[any]", uuid)));
    if (profile != null) {
      profile.syncedIds().forEach((dpid, id) -> keys.add(IdLink.key(dpid, id)));
      profile.declaredIds().forEach(d -> keys.add(IdLink.key(d.dpid(), d.dpuuid())));
    }
    if (keys.isEmpty()) {
      return List.of();
    }
    // each key re-checked at its owner: a link re-pointed meanwhile keeps its new uuid
    Map<String, Boolean> changed = ids.executeOnKeys(keys, new ForgetDeviceProcessor(uuid));
    List<String> out = new ArrayList<>();
    changed.forEach(
        (key, did) -> {
          if (Boolean.TRUE.equals(did)) {
            out.add(key);
          }
        });
    out.sort(null);
    return out;
  }

  private List<String> removeOutbound(String uuid) {
    IMap<String, Object> outbound = hz.getMap(OUTBOUND_MAP);
    Predicate<String, Object> forVisitor = Predicates.like("__key", "%|" + uuid);
    Set<String> keys = new TreeSet<>(outbound.keySet(forVisitor));
    if (!keys.isEmpty()) {
      outbound.removeAll(forVisitor);
    }
    return new ArrayList<>(keys);
  }
}
