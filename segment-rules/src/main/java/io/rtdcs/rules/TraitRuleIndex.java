package io.rtdcs.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Many trait rules (sid -> rule) indexed by the signal keys they read, built once when the
 * definitions change. {@link #matching} evaluates only the rules at least one of whose keys is
 * present in the call; a rule none of whose keys is present is decided without evaluation (it
 * matches only if it is built on NOT, like {@code NOT c_x == "1"}). Immutable and thread-safe.
 */
public final class TraitRuleIndex {

  private static final TraitRuleIndex EMPTY = new TraitRuleIndex(Map.of());

  private final int[] sids;
  private final TraitRule[] rules;
  private final Map<String, int[]> ordinalsByKey;
  private final int[] matchingWithoutKeys;

  private TraitRuleIndex(Map<Integer, ? extends TraitRule> bySid) {
    this.sids = bySid.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    this.rules = new TraitRule[sids.length];
    Map<String, List<Integer>> byKey = new HashMap<>();
    List<Integer> withoutKeys = new ArrayList<>();
    for (int ordinal = 0; ordinal < sids.length; ordinal++) {
      TraitRule rule = Objects.requireNonNull(bySid.get(sids[ordinal]), "rule");
      rules[ordinal] = rule;
      for (String key : rule.keys()) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(ordinal);
      }
      if (rule.matches(Map.of())) {
        withoutKeys.add(ordinal);
      }
    }
    Map<String, int[]> index = new HashMap<>();
    byKey.forEach((key, ords) -> index.put(key, ords.stream().mapToInt(i -> i).toArray()));
    this.ordinalsByKey = index;
    this.matchingWithoutKeys = withoutKeys.stream().mapToInt(i -> i).toArray();
  }

  /** Indexes {@code rulesBySid}; the map is copied, null keys or rules are refused. */
  public static TraitRuleIndex of(Map<Integer, ? extends TraitRule> rulesBySid) {
    Objects.requireNonNull(rulesBySid, "rulesBySid");
    return rulesBySid.isEmpty() ? EMPTY : new TraitRuleIndex(rulesBySid);
  }

  public static TraitRuleIndex empty() {
    return EMPTY;
  }

  /** Number of rules indexed. */
  public int size() {
    return sids.length;
  }

  /** Every signal key that some rule reads. */
  public java.util.Set<String> keys() {
    return Collections.unmodifiableSet(ordinalsByKey.keySet());
  }

  /** The rule of {@code sid}, or null. */
  public TraitRule rule(int sid) {
    int ordinal = Arrays.binarySearch(sids, sid);
    return ordinal >= 0 ? rules[ordinal] : null;
  }

  /**
   * The sids, ascending, whose rules match {@code signals} (null counts as no signals). Never
   * throws.
   */
  public List<Integer> matching(Map<String, ? extends List<String>> signals) {
    if (sids.length == 0) {
      return List.of();
    }
    Map<String, ? extends List<String>> safe = signals == null ? Map.of() : signals;
    BitSet candidates = new BitSet(sids.length);
    try {
      if (safe.size() <= ordinalsByKey.size()) {
        for (String key : safe.keySet()) {
          int[] ordinals = key == null ? null : ordinalsByKey.get(key);
          if (ordinals != null) {
            for (int ordinal : ordinals) {
              candidates.set(ordinal);
            }
          }
        }
      } else {
        for (Map.Entry<String, int[]> entry : ordinalsByKey.entrySet()) {
          if (safe.containsKey(entry.getKey())) {
            for (int ordinal : entry.getValue()) {
              candidates.set(ordinal);
            }
          }
        }
      }
    } catch (RuntimeException e) {
      // a hostile map (say, one refusing containsKey): evaluate every rule
      candidates.set(0, sids.length);
    }
    BitSet matched = new BitSet(sids.length);
    // one regex budget for the whole call, however many values and regex traits it meets
    int[] outer = RegexBudget.open(RuleLimits.MAX_REGEX_STEPS_PER_CALL);
    try {
      for (int ordinal = candidates.nextSetBit(0);
          ordinal >= 0;
          ordinal = candidates.nextSetBit(ordinal + 1)) {
        if (rules[ordinal].matches(safe)) {
          matched.set(ordinal);
        }
      }
    } finally {
      RegexBudget.close(outer);
    }
    for (int ordinal : matchingWithoutKeys) {
      if (!candidates.get(ordinal)) {
        matched.set(ordinal);
      }
    }
    if (matched.isEmpty()) {
      return List.of();
    }
    List<Integer> result = new ArrayList<>(matched.cardinality());
    for (int ordinal = matched.nextSetBit(0);
        ordinal >= 0;
        ordinal = matched.nextSetBit(ordinal + 1)) {
      result.add(sids[ordinal]);
    }
    return Collections.unmodifiableList(result);
  }
}
