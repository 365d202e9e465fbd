package io.rtdcs.segment.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.common.HazelcastFutures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
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

  /** Removes everything about {@code uuid}; completes with what was there. */
  public Future<Erased> erase(String uuid) {
    Future<Profile> removed = HazelcastFutures.onContext(profiles.removeAsync(uuid), context);
    Future<List<List<String>>> scans =
        context.owner().executeBlocking(() -> List.of(removeLinks(uuid), removeOutbound(uuid)));
    return Future.all(removed, scans)
        .map(
            all -> {
              Profile p = removed.result();
              List<Integer> answers =
                  p == null ? List.of() : new ArrayList<>(p.partners().keySet());
              return new Erased(
                  uuid,
                  p != null,
                  p != null && p.optedOut(),
                  scans.result().get(0),
                  answers,
                  scans.result().get(1));
            });
  }

  private List<String> removeLinks(String uuid) {
    IMap<String, IdLink> ids = hz.getMap(ClusterMaps.IDS);
    Predicate<String, IdLink> pointsHere = Predicates.equal("uuid", uuid);
    Set<String> keys = new TreeSet<>(ids.keySet(pointsHere));
    // the predicate is evaluated again per entry: a link re-pointed meanwhile is left alone
    ids.removeAll(pointsHere);
    return new ArrayList<>(keys);
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
