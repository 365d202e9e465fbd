package io.rtdcs.segment.definitions;

import io.rtdcs.contract.RequestException;
import io.rtdcs.rules.TraitRule;
import io.rtdcs.rules.TraitRuleIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable, compiled snapshot of every trait, segment and destination, with the indexes the
 * realize step needs: rule traits, partner-mapped traits, segments in dependency order, and the
 * day-counter window per trait. Changing a definition builds a new snapshot.
 */
public final class Definitions {
  /** Day counters are kept for at most this many days, whatever a segment asks. */
  public static final int MAX_WINDOW_DAYS = 366;

  /** The signal key under which partner {@code dpid}'s segments reach the trait rules. */
  public static final String PARTNER_SIGNAL_PREFIX = "d_pseg_";

  public static final Definitions EMPTY =
      new Definitions(Map.of(), Map.of(), Map.of(), Map.of(), 0);

  private final Map<Integer, TraitDefinition> traits;
  private final Map<Integer, SegmentDefinition> segments;
  private final Map<Integer, DestinationDefinition> destinations;
  private final Map<Integer, Integer> partnerCacheTtlSeconds;
  private final Map<Integer, MergeRule> mergeRules;
  private final Set<Integer> segmentTraits = new HashSet<>();
  private final Set<Integer> segmentTraitsView = Collections.unmodifiableSet(segmentTraits);
  private final EnumSet<MergeRule.Authenticated> authenticatedInUse =
      EnumSet.noneOf(MergeRule.Authenticated.class);
  private boolean linkedDevicesInUse;
  private final long version;
  private final List<TraitDefinition> ruleTraits = new ArrayList<>();
  private final TraitRuleIndex ruleIndex;
  private final java.util.Set<Integer> rulePartners;
  private final Map<Integer, Map<String, List<TraitDefinition>>> partnerTraits = new HashMap<>();
  private final Map<Integer, Integer> windowDays = new HashMap<>();
  private final List<SegmentDefinition> evaluationOrder;
  private final int cycleSegment;

  public Definitions(
      Map<Integer, TraitDefinition> traits,
      Map<Integer, SegmentDefinition> segments,
      Map<Integer, DestinationDefinition> destinations,
      Map<Integer, Integer> partnerCacheTtlSeconds,
      long version) {
    this(traits, segments, destinations, partnerCacheTtlSeconds, Map.of(), version);
  }

  /**
   * @param mergeRules id -> Profile Merge Rule; rule {@value MergeRule#DEFAULT_ID} is {@link
   *     MergeRule#BUILT_IN_DEFAULT} unless given
   */
  public Definitions(
      Map<Integer, TraitDefinition> traits,
      Map<Integer, SegmentDefinition> segments,
      Map<Integer, DestinationDefinition> destinations,
      Map<Integer, Integer> partnerCacheTtlSeconds,
      Map<Integer, MergeRule> mergeRules,
      long version) {
    this.traits = Collections.unmodifiableMap(new TreeMap<>(traits));
    this.mergeRules = Collections.unmodifiableMap(new TreeMap<>(mergeRules));
    this.segments = Collections.unmodifiableMap(new TreeMap<>(segments));
    this.destinations = Collections.unmodifiableMap(new TreeMap<>(destinations));
    this.partnerCacheTtlSeconds = Map.copyOf(partnerCacheTtlSeconds);
    this.version = version;
    for (TraitDefinition t : this.traits.values()) {
      if (t.type() == TraitDefinition.Type.RULE && t.rule() != null) {
        ruleTraits.add(t);
      } else if (t.type() == TraitDefinition.Type.PARTNER) {
        partnerTraits
            .computeIfAbsent(t.dpid(), d -> new HashMap<>())
            .computeIfAbsent(t.segment(), s -> new ArrayList<>())
            .add(t);
      }
    }
    Map<Integer, TraitRule> rules = new HashMap<>();
    for (TraitDefinition t : ruleTraits) {
      rules.put(t.sid(), t.rule());
    }
    this.ruleIndex = TraitRuleIndex.of(rules);
    this.rulePartners = rulePartners(ruleIndex);
    for (SegmentDefinition s : this.segments.values()) {
      int window = Math.min(MAX_WINDOW_DAYS, Math.max(0, s.rule().longestWindowDays()));
      if (window > 0) {
        for (int sid : s.rule().traits()) {
          windowDays.merge(sid, window, Math::max);
        }
      }
    }
    for (SegmentDefinition s : this.segments.values()) {
      segmentTraits.addAll(s.rule().traits());
      MergeRule rule = mergeRule(s);
      authenticatedInUse.add(rule.authenticated());
      linkedDevicesInUse |= rule.devices() == MergeRule.Devices.LINKED;
    }
    List<SegmentDefinition> order = new ArrayList<>();
    this.cycleSegment = order(order);
    this.evaluationOrder = List.copyOf(order);
  }

  public Map<Integer, TraitDefinition> traits() {
    return traits;
  }

  public Map<Integer, SegmentDefinition> segments() {
    return segments;
  }

  public Map<Integer, DestinationDefinition> destinations() {
    return destinations;
  }

  public long version() {
    return version;
  }

  /** The defined merge rules (rule {@value MergeRule#DEFAULT_ID} only when it was defined). */
  public Map<Integer, MergeRule> mergeRules() {
    return mergeRules;
  }

  /**
   * The merge rule {@code id}: rule {@value MergeRule#DEFAULT_ID} is the built-in default unless
   * defined; an id that names no rule (deleted while a member lagged) falls back to the default.
   */
  public MergeRule mergeRule(int id) {
    MergeRule rule = mergeRules.get(id);
    if (rule != null) {
      return rule;
    }
    return mergeRules.getOrDefault(MergeRule.DEFAULT_ID, MergeRule.BUILT_IN_DEFAULT);
  }

  /** The merge rule whose profiles segment {@code s} sees. */
  public MergeRule mergeRule(SegmentDefinition s) {
    return mergeRule(s.mergeRule());
  }

  /** The traits some segment rule reads: only they matter in other profiles' views. */
  public Set<Integer> segmentTraits() {
    return segmentTraitsView;
  }

  /** Whether some segment's merge rule adds people's profiles of this kind. */
  public boolean usesAuthenticated(MergeRule.Authenticated kind) {
    return authenticatedInUse.contains(kind);
  }

  /** Whether some segment's merge rule adds the devices linked to the same declared IDs. */
  public boolean usesLinkedDevices() {
    return linkedDevicesInUse;
  }

  /** 409 when a segment names a merge rule that does not exist (0, the default, always does). */
  public void checkMergeRuleReference(SegmentDefinition s) {
    if (s.mergeRule() != MergeRule.DEFAULT_ID && !mergeRules.containsKey(s.mergeRule())) {
      throw RequestException.conflict(
          "mergeRule",
          "segment " + s.id() + " names merge rule " + s.mergeRule() + ", which does not exist");
    }
  }

  /** Segments that name merge rule {@code id}, as "segment 5002". */
  public List<String> usersOfMergeRule(int id) {
    List<String> out = new ArrayList<>();
    for (SegmentDefinition s : segments.values()) {
      if (s.mergeRule() == id) {
        out.add("segment " + s.id());
      }
    }
    return out;
  }

  public List<TraitDefinition> ruleTraits() {
    return ruleTraits;
  }

  /** The rule traits indexed by the signal keys they read. */
  public TraitRuleIndex ruleIndex() {
    return ruleIndex;
  }

  /**
   * The partners whose segments some trait rule reads (as {@code d_pseg_<dpid>}): only their
   * answers can change which rules match.
   */
  public java.util.Set<Integer> rulePartners() {
    return rulePartners;
  }

  private static java.util.Set<Integer> rulePartners(TraitRuleIndex index) {
    java.util.Set<Integer> dpids = new java.util.TreeSet<>();
    for (String key : index.keys()) {
      if (key.startsWith(PARTNER_SIGNAL_PREFIX)) {
        try {
          dpids.add(Integer.parseInt(key.substring(PARTNER_SIGNAL_PREFIX.length())));
        } catch (NumberFormatException e) {
          // d_pseg_<not a number>: no partner answers under it
        }
      }
    }
    return java.util.Collections.unmodifiableSet(dpids);
  }

  /** Traits mapped to partner {@code dpid}'s segment code {@code segment}. */
  public List<TraitDefinition> partnerTraits(int dpid, String segment) {
    Map<String, List<TraitDefinition>> bySegment = partnerTraits.get(dpid);
    if (bySegment == null) {
      return List.of();
    }
    return bySegment.getOrDefault(segment, List.of());
  }

  /** Days of per-day counters to keep for {@code sid} (0: none, the total count is enough). */
  public int windowDays(int sid) {
    return windowDays.getOrDefault(sid, 0);
  }

  /** Segments ordered so that a segment comes after the segments its rule reads. */
  public List<SegmentDefinition> evaluationOrder() {
    return evaluationOrder;
  }

  /** The partner's {@code cacheTtlSeconds} from {@code rtdcs.partners}, else {@code dflt}. */
  public int partnerCacheTtlSeconds(int dpid, int dflt) {
    return partnerCacheTtlSeconds.getOrDefault(dpid, dflt);
  }

  public Definitions withTrait(TraitDefinition t) {
    Map<Integer, TraitDefinition> m = new TreeMap<>(traits);
    m.put(t.sid(), t);
    return new Definitions(m, segments, destinations, partnerCacheTtlSeconds, mergeRules, version);
  }

  public Definitions withSegment(SegmentDefinition s) {
    Map<Integer, SegmentDefinition> m = new TreeMap<>(segments);
    m.put(s.id(), s);
    return new Definitions(traits, m, destinations, partnerCacheTtlSeconds, mergeRules, version);
  }

  /**
   * 409 when a segment refers to a trait or segment that does not exist or segments form a cycle,
   * or a destination maps a segment that does not exist. The field is the offending definition's.
   */
  public void checkReferences() {
    for (SegmentDefinition s : segments.values()) {
      checkSegment(s);
    }
    for (DestinationDefinition d : destinations.values()) {
      checkDestination(d);
    }
  }

  public Definitions withMergeRule(MergeRule r) {
    Map<Integer, MergeRule> m = new TreeMap<>(mergeRules);
    m.put(r.id(), r);
    return new Definitions(traits, segments, destinations, partnerCacheTtlSeconds, m, version);
  }

  public void checkSegment(SegmentDefinition s) {
    checkSegmentReferences(s);
    checkMergeRuleReference(s);
    if (cycleSegment != 0) {
      throw RequestException.conflict(
          "rule", "segment " + cycleSegment + " depends on itself through its segment references");
    }
  }

  /** A segment whose rule reaches itself through segment references, 0 when there is none. */
  public int cycleSegment() {
    return cycleSegment;
  }

  /** 409 when the segment's rule refers to a trait or segment that does not exist. */
  public void checkSegmentReferences(SegmentDefinition s) {
    for (int sid : new TreeSet<>(s.rule().traits())) {
      if (!traits.containsKey(sid)) {
        throw RequestException.conflict(
            "rule", "segment " + s.id() + " refers to trait " + sid + "T, which does not exist");
      }
    }
    for (int id : new TreeSet<>(s.rule().segments())) {
      if (!segments.containsKey(id)) {
        throw RequestException.conflict(
            "rule", "segment " + s.id() + " refers to segment " + id + ", which does not exist");
      }
    }
  }

  public void checkDestination(DestinationDefinition d) {
    for (int i = 0; i < d.mappings().size(); i++) {
      int seg = d.mappings().get(i).segment();
      if (!segments.containsKey(seg)) {
        throw RequestException.conflict(
            "mappings[" + i + "].segment", "segment " + seg + " does not exist");
      }
    }
  }

  /** Segments whose rules read trait {@code sid}. */
  public List<Integer> segmentsUsingTrait(int sid) {
    List<Integer> out = new ArrayList<>();
    for (SegmentDefinition s : segments.values()) {
      if (s.rule().traits().contains(sid)) {
        out.add(s.id());
      }
    }
    return out;
  }

  /**
   * Segments and destinations that refer to segment {@code id}, as "segment 5002"/"destination
   * 7001".
   */
  public List<String> usersOfSegment(int id) {
    List<String> out = new ArrayList<>();
    for (SegmentDefinition s : segments.values()) {
      if (s.id() != id && s.rule().segments().contains(id)) {
        out.add("segment " + s.id());
      }
    }
    for (DestinationDefinition d : destinations.values()) {
      if (d.mappings().stream().anyMatch(m -> m.segment() == id)) {
        out.add("destination " + d.id());
      }
    }
    return out;
  }

  /** Depth-first topological order; returns a segment id on a cycle, 0 when there is none. */
  private int order(List<SegmentDefinition> out) {
    Set<Integer> done = new HashSet<>();
    Set<Integer> visiting = new HashSet<>();
    int[] cycle = {0};
    for (SegmentDefinition s : segments.values()) {
      visit(s, done, visiting, out, cycle);
    }
    return cycle[0];
  }

  private void visit(
      SegmentDefinition s,
      Set<Integer> done,
      Set<Integer> visiting,
      List<SegmentDefinition> out,
      int[] cycle) {
    if (done.contains(s.id())) {
      return;
    }
    if (!visiting.add(s.id())) {
      if (cycle[0] == 0) {
        cycle[0] = s.id();
      }
      return;
    }
    for (int dep : s.rule().segments()) {
      SegmentDefinition d = segments.get(dep);
      if (d != null) {
        visit(d, done, visiting, out, cycle);
      }
    }
    visiting.remove(s.id());
    done.add(s.id());
    out.add(s);
  }
}
