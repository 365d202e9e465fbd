package io.rtdcs.segment.store;

import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.TraitDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The trait rules of one realize call, evaluated before the call reaches the profile's owner, so
 * that no rule (a regular expression over the caller's values above all) runs on a Hazelcast
 * partition thread, where it would stall every key of the partition. The owner only applies {@code
 * sids}.
 *
 * <p>A rule may read a partner's segments ({@code d_pseg_<dpid>}), which come from the call and
 * from the answers the profile has cached. {@code partnerView} is what the evaluation assumed for
 * the partners that rules read; the owner compares it with what it holds and, when they differ,
 * changes nothing and answers with its own view ({@link RealizeResult#staleView()}), and the call
 * is evaluated again on that view. A {@code last} verdict (the final attempt) is applied as it is.
 *
 * @param sids the rule traits that match, the command's {@code tdpid} restriction applied
 * @param partnerView the segments assumed per partner that some rule reads (only non-empty ones)
 * @param last applied even when the owner's view differs
 */
public record RuleVerdict(
    List<Integer> sids, Map<Integer, List<String>> partnerView, boolean last) {

  public RuleVerdict {
    sids = List.copyOf(sids);
    partnerView = java.util.Collections.unmodifiableMap(new TreeMap<>(partnerView));
  }

  /** Evaluates {@code defs}' trait rules on the command's signals and {@code partnerView}. */
  public static RuleVerdict evaluate(
      Definitions defs, RealizeCommand cmd, Map<Integer, List<String>> partnerView, boolean last) {
    Map<String, List<String>> signals = new LinkedHashMap<>(cmd.signals());
    // d_pseg_<dpid> comes from partner answers only, never from the caller's signals
    signals.keySet().removeIf(k -> k.startsWith(Definitions.PARTNER_SIGNAL_PREFIX));
    partnerView.forEach(
        (dpid, segs) -> signals.put(Definitions.PARTNER_SIGNAL_PREFIX + dpid, segs));
    Set<Integer> tdpid = new HashSet<>(cmd.tdpid());
    List<Integer> sids = new ArrayList<>();
    for (int sid : defs.ruleIndex().matching(signals)) {
      TraitDefinition t = defs.traits().get(sid);
      if (t != null && (tdpid.isEmpty() || tdpid.contains(t.dataSource()))) {
        sids.add(sid);
      }
    }
    return new RuleVerdict(sids, partnerView, last);
  }

  /** The partner segments rules read, as the command alone gives them (the first evaluation). */
  public static Map<Integer, List<String>> commandView(Definitions defs, RealizeCommand cmd) {
    Map<Integer, List<String>> view = new TreeMap<>();
    for (PartnerOutcome o : cmd.partners()) {
      if (defs.rulePartners().contains(o.dpid()) && !o.segments().isEmpty()) {
        view.put(o.dpid(), o.segments());
      }
    }
    return view;
  }

  /**
   * The partner segments rules read, as the owner sees them at {@code now}: the command's answers,
   * else the profile's fresh cached ones. Reads, never changes, {@code p}.
   */
  static Map<Integer, List<String>> ownerView(
      Definitions defs, Profile p, RealizeCommand cmd, long now) {
    Map<Integer, List<String>> current = new TreeMap<>();
    for (PartnerOutcome o : cmd.partners()) {
      current.put(o.dpid(), o.segments());
    }
    for (PartnerEntry e : p.partners().values()) {
      if (e.isFresh(now)) {
        current.putIfAbsent(e.dpid(), e.segments());
      }
    }
    current.keySet().retainAll(defs.rulePartners());
    current.values().removeIf(List::isEmpty);
    return current;
  }

  /** Whether the owner may apply this verdict to a profile whose view is {@code ownerView}. */
  boolean holdsFor(Map<Integer, List<String>> ownerView) {
    return last || partnerView.equals(ownerView);
  }

  /** Writes a partner view (dpid, then its segments) for the wire. */
  static void writeView(VarBytes.Writer w, Map<Integer, List<String>> view) {
    w.unsigned(view.size());
    for (Map.Entry<Integer, List<String>> e : view.entrySet()) {
      w.unsigned(e.getKey()).unsigned(e.getValue().size());
      for (String seg : e.getValue()) {
        w.string(seg);
      }
    }
  }

  /** Reads what {@link #writeView} wrote. */
  static Map<Integer, List<String>> readView(VarBytes.Reader r) {
    int n = r.unsignedInt();
    Map<Integer, List<String>> view = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      int dpid = r.unsignedInt();
      int s = r.unsignedInt();
      List<String> segs = new ArrayList<>(s);
      for (int j = 0; j < s; j++) {
        segs.add(r.string());
      }
      view.put(dpid, segs);
    }
    return view;
  }
}
