package io.rtdcs.segment.handlers;

import io.rtdcs.common.Addresses;
import io.rtdcs.contract.CachedAnswer;
import io.rtdcs.contract.Contract;
import io.rtdcs.contract.ResolveRequest;
import io.rtdcs.contract.VisitorFacts;
import io.rtdcs.segment.store.DeclaredId;
import io.rtdcs.segment.store.IdLink;
import io.rtdcs.segment.store.PartnerEntry;
import io.rtdcs.segment.store.Profile;
import io.rtdcs.segment.store.ProfileStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code dcs.profiles.resolve}: who the visitor is, read only. Reads the request's profile and the
 * proven declared IDs' links in parallel, then (only if they name other uuids) those profiles. The
 * reply comes within the request's {@code timeoutMs} or fails with 504 then ({@link
 * ReplyDeadline}): the second round of reads starts only while time is left.
 */
public final class ResolveHandler implements Handler<Message<Object>> {
  private final ProfileStore store;
  private final Clock clock;

  public ResolveHandler(ProfileStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(Message<Object> message) {
    String uuid;
    List<DeclaredId> declared;
    List<DeclaredId> proven;
    ReplyDeadline deadline;
    try {
      ResolveRequest request = ResolveRequest.of(message.body());
      deadline = ReplyDeadline.of(Addresses.PROFILE_RESOLVE, request.timeoutMs(), clock);
      uuid = request.uuid();
      declared = Requests.stored(request.declaredIds());
      proven = declared.stream().filter(DeclaredId::proven).toList();
    } catch (RuntimeException e) {
      Replies.fail(message, Addresses.PROFILE_RESOLVE, e);
      return;
    }
    // the request's own profile is read in parallel with the declared IDs' links
    Future<Profile> own = uuid == null ? Future.succeededFuture() : store.get(uuid);
    List<Future<IdLink>> lookups = new ArrayList<>();
    // only a proven declared ID may find the profile linked to it
    for (DeclaredId d : proven) {
      lookups.add(store.lookup(d.dpid(), d.dpuuid()));
    }
    List<Future<?>> first = new ArrayList<>(lookups);
    first.add(own);
    deadline
        .bound(
            Future.all(first)
                .compose(all -> resolve(uuid, own.result(), declared, lookups, deadline)))
        .onSuccess(facts -> Contract.reply(message, facts, VisitorFacts::toJson))
        .onFailure(e -> Replies.fail(message, Addresses.PROFILE_RESOLVE, e));
  }

  private Future<VisitorFacts> resolve(
      String requestUuid,
      Profile own,
      List<DeclaredId> declared,
      List<Future<IdLink>> lookups,
      ReplyDeadline deadline) {
    IdLink newest = null;
    Set<String> linked = new LinkedHashSet<>();
    for (Future<IdLink> f : lookups) {
      IdLink link = f.result();
      if (link != null) {
        linked.add(link.uuid());
        if (newest == null || link.linkedAt() > newest.linkedAt()) {
          newest = link;
        }
      }
    }
    String uuid = requestUuid != null ? requestUuid : newest == null ? null : newest.uuid();
    if (requestUuid != null) {
      linked.remove(requestUuid);
    }
    // second round only for profiles other than the request's own (their opt-out counts too)
    List<Future<Profile>> reads = new ArrayList<>();
    List<String> order = new ArrayList<>(linked);
    if (!order.isEmpty() && deadline.passed()) {
      return Future.failedFuture(deadline.expired());
    }
    for (String u : order) {
      reads.add(store.get(u));
    }
    return Future.all(reads)
        .map(
            all -> {
              long now = clock.millis();
              Profile main = requestUuid != null ? own : null;
              boolean optedOut = own != null && own.optedOut();
              for (int i = 0; i < order.size(); i++) {
                Profile p = reads.get(i).result();
                if (p != null && p.optedOut()) {
                  optedOut = true;
                }
                if (order.get(i).equals(uuid)) {
                  main = p;
                }
              }
              Map<Integer, String> ids = main == null ? new TreeMap<>() : main.knownIds();
              for (DeclaredId d : declared) {
                ids.put(d.dpid(), d.dpuuid());
              }
              return new VisitorFacts(
                  uuid,
                  main != null,
                  optedOut,
                  ids,
                  main == null ? Map.of() : freshPartnerCache(main, now),
                  Requests.contract(PeoplePlan.provenIdentities(main)));
            });
  }

  /** The partners' answers cached in {@code p} whose TTL has not run out. */
  private static Map<Integer, CachedAnswer> freshPartnerCache(Profile p, long now) {
    Map<Integer, CachedAnswer> out = new TreeMap<>();
    for (PartnerEntry e : p.partners().values()) {
      if (e.isFresh(now)) {
        out.put(e.dpid(), new CachedAnswer(e.segments(), e.expiresAt()));
      }
    }
    return out;
  }
}
