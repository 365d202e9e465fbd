package io.rtdcs.segment.store;

import io.rtdcs.common.RateLimitedLogger;
import io.rtdcs.rules.TraitHistory;
import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.MergeRule;
import io.rtdcs.segment.definitions.SegmentDefinition;
import io.rtdcs.segment.definitions.TraitDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;

/**
 * The realize-expire-evaluate logic on one profile, free of Hazelcast: the EntryProcessors call it
 * at the key's owner, tests call it directly.
 */
public final class ProfileUpdater {
  /** A profile lives at least this long after it was last seen. */
  public static final long IDLE_TTL_MILLIS = 120 * TraitRecord.DAY_MILLIS;

  /** A partner answer without a TTL of its own and no partner definition is cached this long. */
  public static final int DEFAULT_PARTNER_TTL_SECONDS = 600;

  public static final int MAX_PARTNER_TTL_SECONDS = 7 * 86_400;
  public static final int MAX_TRAITS = 1_000;
  public static final int MAX_SYNCED_IDS = 100;

  /** How often a returning opted-out visitor's opt-out is renewed: once a day. */
  public static final long OPT_OUT_RENEWAL_MILLIS = 24L * 3600 * 1000;

  private static final RateLimitedLogger LOG =
      new RateLimitedLogger(LoggerFactory.getLogger(ProfileUpdater.class), 10_000);

  private ProfileUpdater() {}

  /** Applies one realize call to {@code profile} (changed in place) and returns the reply data. */
  public static RealizeResult realize(Profile p, RealizeCommand cmd, Definitions defs) {
    if (p.optedOut()) {
      return RealizeResult.optedOutResult();
    }
    if (cmd.personWrite()) {
      return realizePerson(p, cmd, defs);
    }
    long now = cmd.now();
    int[] before = p.segments();
    long key = cmd.callKey();
    if (p.appliedCalls().contains(key)) {
      // a retry of a call this profile already holds: the answer it would have had, no change
      return new RealizeResult(
          false,
          p.traits().keySet().stream().mapToInt(Integer::intValue).toArray(),
          new int[0],
          before,
          new int[0],
          p.knownIds(),
          before,
          true);
    }
    Map<Integer, List<String>> view = RuleVerdict.ownerView(defs, p, cmd, now);
    RuleVerdict verdict = cmd.verdict();
    if (verdict == null) {
      // a direct caller (a test, a benchmark): the rules run here; the EntryProcessor never
      // gets here without a verdict (RealizeProcessor)
      verdict = RuleVerdict.evaluate(defs, cmd, view, true);
    } else if (!verdict.holdsFor(view)) {
      return RealizeResult.stale(view); // evaluated on other partner answers: nothing changed
    }
    p.appliedCalls().record(key, now);
    p.setLastSeen(Math.max(p.lastSeen(), now));
    p.traits().values().removeIf(t -> !t.isLive(now));
    p.partners().values().removeIf(e -> !e.isFresh(now));

    Map<Integer, List<String>> partnerSegments = updatePartners(p, cmd, defs, now);

    Set<Integer> unknown = new TreeSet<>();
    Set<Integer> signal = callTraits(verdict, cmd, defs, unknown);
    Set<Integer> mapped = partnerMapped(partnerSegments, defs);
    Set<Integer> realize = new TreeSet<>(signal);
    realize.addAll(mapped);

    List<TraitView> views = cmd.views();
    if (cmd.person() == null) {
      realizeAll(p, realize, defs, now);
    } else {
      // auth state 1: the call's own traits go to the person's profile (written after this, by
      // the receiving member, with the same verdict); the merge rules see them there already
      realizeAll(p, mapped, defs, now);
      signal.removeAll(mapped);
      views = withCallTraits(views, signal, defs, now);
    }
    trimDays(p, defs, now);
    capTraits(p);
    for (DeclaredId d : cmd.declaredIds()) {
      p.addDeclaredId(d);
    }
    p.setSegments(evaluateSegments(p, defs, now, views));
    return new RealizeResult(
        false,
        p.traits().keySet().stream().mapToInt(Integer::intValue).toArray(),
        realize.stream().mapToInt(Integer::intValue).toArray(),
        p.segments(),
        unknown.stream().mapToInt(Integer::intValue).toArray(),
        p.knownIds(),
        before);
  }

  /**
   * A call's traits at a person's profile (auth state 1): the verdict's and the known {@code d_sid}
   * traits, applied as they are (the device profile's owner checks the verdict's partner answers);
   * no partner answers, declared IDs or segments (the device profile keeps those). The answer
   * carries the person's live traits that segment rules read.
   */
  static RealizeResult realizePerson(Profile p, RealizeCommand cmd, Definitions defs) {
    long now = cmd.now();
    long key = cmd.callKey();
    boolean duplicate = p.appliedCalls().contains(key);
    Set<Integer> realize = new TreeSet<>();
    Set<Integer> unknown = new TreeSet<>();
    if (!duplicate) {
      p.appliedCalls().record(key, now);
      p.setLastSeen(Math.max(p.lastSeen(), now));
      p.traits().values().removeIf(t -> !t.isLive(now));
      realize = callTraits(cmd.verdict(), cmd, defs, unknown);
      realizeAll(p, realize, defs, now);
      trimDays(p, defs, now);
      capTraits(p);
    }
    return new RealizeResult(
            false,
            p.traits().keySet().stream().mapToInt(Integer::intValue).toArray(),
            realize.stream().mapToInt(Integer::intValue).toArray(),
            new int[0],
            unknown.stream().mapToInt(Integer::intValue).toArray(),
            Map.of(),
            new int[0],
            duplicate)
        .withRecords(TraitView.of(0, "", p, defs.segmentTraits(), now).records());
  }

  /**
   * The call's own traits: the verdict's (evaluated with the definitions of the member that
   * received the call: a trait deleted since is skipped) and the {@code d_sid}s naming a trait; the
   * other {@code d_sid}s go to {@code unknown}.
   */
  private static Set<Integer> callTraits(
      RuleVerdict verdict, RealizeCommand cmd, Definitions defs, Set<Integer> unknown) {
    Set<Integer> out = new TreeSet<>();
    if (verdict != null) {
      for (int sid : verdict.sids()) {
        if (defs.traits().containsKey(sid)) {
          out.add(sid);
        }
      }
    }
    for (int sid : cmd.sids()) {
      (defs.traits().containsKey(sid) ? out : unknown).add(sid);
    }
    return out;
  }

  /** The traits mapped to the partners' segments (fresh or cached). */
  private static Set<Integer> partnerMapped(
      Map<Integer, List<String>> partnerSegments, Definitions defs) {
    Set<Integer> out = new TreeSet<>();
    partnerSegments.forEach(
        (dpid, segs) -> {
          for (String seg : segs) {
            for (TraitDefinition t : defs.partnerTraits(dpid, seg)) {
              out.add(t.sid());
            }
          }
        });
    return out;
  }

  /**
   * The views with this call's traits realized on a copy of the current person's (as the person's
   * profile will hold them once written; a person without a profile yet starts empty).
   */
  private static List<TraitView> withCallTraits(
      List<TraitView> views, Set<Integer> sids, Definitions defs, long now) {
    List<TraitView> out = new ArrayList<>(views.size());
    for (TraitView v : views) {
      if (!v.has(TraitView.CURRENT)) {
        out.add(v);
        continue;
      }
      Profile copy = new Profile();
      for (TraitRecord t : v.records().values()) {
        copy.traits().put(t.sid(), t.copy());
      }
      Set<Integer> read = new TreeSet<>(sids);
      read.retainAll(defs.segmentTraits());
      realizeAll(copy, read, defs, now);
      out.add(new TraitView(v.roles(), v.key(), copy.traits()));
    }
    return out;
  }

  private static void realizeAll(Profile p, Set<Integer> sids, Definitions defs, long now) {
    for (int sid : sids) {
      TraitDefinition def = defs.traits().get(sid);
      TraitRecord rec =
          p.traits().computeIfAbsent(sid, s -> new TraitRecord(s, now, now, 0, def.ttlDays()));
      rec.realize(now, def.ttlDays(), def.maxCount(), defs.windowDays(sid));
    }
  }

  /** Drops the day counters no segment window reads any more. */
  private static void trimDays(Profile p, Definitions defs, long now) {
    for (TraitRecord rec : p.traits().values()) {
      rec.trimDays(now, defs.windowDays(rec.sid()));
    }
  }

  /** Records an ID sync; returns false (nothing changed) for an opted-out profile. */
  public static boolean syncId(Profile p, int dpid, String dpuuid, long now) {
    if (p.optedOut()) {
      return false;
    }
    p.setLastSeen(Math.max(p.lastSeen(), now));
    p.syncedIds().put(dpid, dpuuid);
    while (p.syncedIds().size() > MAX_SYNCED_IDS) {
      p.syncedIds().pollFirstEntry();
    }
    return true;
  }

  /**
   * An opted-out visitor who calls again renews the opt-out: at most once a day the profile's last
   * visit moves to now (so the opted-out profile lives another idle TTL); true when it did.
   */
  public static boolean renewOptOut(Profile p, long now) {
    if (!p.optedOut() || now - p.lastSeen() < OPT_OUT_RENEWAL_MILLIS) {
      return false;
    }
    p.setLastSeen(now);
    return true;
  }

  /** Opts the profile out: drops traits, segments and partner answers, keeps the flag. */
  public static void optOut(Profile p, long now) {
    p.setOptedOut(true);
    p.clearData();
    p.setLastSeen(Math.max(p.lastSeen(), now));
  }

  /**
   * The map entry's TTL: the idle TTL, or longer when a trait lives longer than that (a trait that
   * never expires keeps the profile for the idle TTL after its last visit).
   */
  public static long entryTtlMillis(Profile p, long now) {
    long ttl = IDLE_TTL_MILLIS;
    for (TraitRecord t : p.traits().values()) {
      long expiresAt = t.expiresAt();
      if (expiresAt != Long.MAX_VALUE) {
        ttl = Math.max(ttl, expiresAt - now);
      }
    }
    return ttl;
  }

  private static Map<Integer, List<String>> updatePartners(
      Profile p, RealizeCommand cmd, Definitions defs, long now) {
    Map<Integer, List<String>> current = new TreeMap<>();
    for (PartnerOutcome o : cmd.partners()) {
      int ttl =
          o.ttlSeconds() >= 0
              ? o.ttlSeconds()
              : defs.partnerCacheTtlSeconds(o.dpid(), DEFAULT_PARTNER_TTL_SECONDS);
      ttl = Math.min(ttl, MAX_PARTNER_TTL_SECONDS);
      if (ttl > 0) {
        p.partners()
            .put(o.dpid(), new PartnerEntry(o.dpid(), o.segments(), now, now + ttl * 1000L));
      } else {
        p.partners().remove(o.dpid());
      }
      current.put(o.dpid(), o.segments());
    }
    for (PartnerEntry e : p.partners().values()) {
      current.putIfAbsent(e.dpid(), e.segments());
    }
    return current;
  }

  /**
   * Every segment in dependency order, each on the profiles its merge rule picks: this profile and
   * the {@code views} the receiving member read or wrote (a segment of segments sees the new state
   * of the segments it reads, whatever their rules).
   */
  public static int[] evaluateSegments(
      Profile p, Definitions defs, long now, List<TraitView> views) {
    ProfileHistory history = new ProfileHistory(p, now);
    Map<Integer, TraitHistory> byRule = new HashMap<>();
    for (SegmentDefinition s : defs.evaluationOrder()) {
      MergeRule mergeRule = defs.mergeRule(s);
      TraitHistory seen =
          byRule.computeIfAbsent(mergeRule.id(), id -> merged(mergeRule, p, views, history, now));
      boolean in;
      try {
        in = s.rule().matches(seen, now);
      } catch (RuntimeException e) {
        LOG.warn("segment {} rule failed, treated as not qualified: {}", s.id(), e.toString());
        in = false;
      }
      history.decide(s.id(), in);
    }
    return history.currentSegments();
  }

  /** What {@code rule} sees: this profile alone is read straight, several through a sum. */
  private static TraitHistory merged(
      MergeRule rule, Profile p, List<TraitView> views, ProfileHistory history, long now) {
    List<Map<Integer, TraitRecord>> sources = new ArrayList<>();
    boolean own = rule.devices() != MergeRule.Devices.NONE;
    if (own) {
      sources.add(p.traits());
    }
    for (TraitView v : TraitView.readBy(rule, views)) {
      sources.add(v.records());
    }
    if (own && sources.size() == 1) {
      return history;
    }
    return new MergedHistory(sources, history, now);
  }

  private static void capTraits(Profile p) {
    if (p.traits().size() <= MAX_TRAITS) {
      return;
    }
    List<TraitRecord> oldest = new ArrayList<>(p.traits().values());
    oldest.sort(Comparator.comparingLong(TraitRecord::lastRealized));
    for (int i = 0; i < oldest.size() - MAX_TRAITS; i++) {
      p.traits().remove(oldest.get(i).sid());
    }
  }
}
