package io.rtdcs.segment.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data one realize call carries to the key's owner: signals (including {@code p_} keys, which
 * are only evaluated), directly realized sids, the data sources to restrict rule traits to,
 * declared IDs, partner outcomes, the caller's clock reading and the call's transaction id (its
 * idempotency key: a command whose tid the profile already holds changes nothing, see {@link
 * AppliedCalls}; null or empty for none) and, once evaluated by the sender, the {@link RuleVerdict}
 * of its trait rules (see {@link #withVerdict}). A dry run (the node's warm-up) runs the whole
 * logic at the key's owner on an empty profile and stores nothing.
 *
 * <p>People (docs/profiles.md): {@code person}, when set, is the key of the person's profile that
 * this call's traits go to (a proven declared ID with auth state 1); the device profile then
 * records the call but realizes none of its signal traits. {@code personWrite}: this command is
 * applied at that person's profile. {@code views}: the other profiles the segments' merge rules
 * read.
 */
public record RealizeCommand(
    Map<String, List<String>> signals,
    List<Integer> sids,
    List<Integer> tdpid,
    List<DeclaredId> declaredIds,
    List<PartnerOutcome> partners,
    long now,
    String tid,
    boolean dryRun,
    RuleVerdict verdict,
    String person,
    boolean personWrite,
    List<TraitView> views) {

  public RealizeCommand(
      Map<String, List<String>> signals,
      List<Integer> sids,
      List<Integer> tdpid,
      List<DeclaredId> declaredIds,
      List<PartnerOutcome> partners,
      long now,
      String tid,
      boolean dryRun,
      RuleVerdict verdict) {
    this(
        signals,
        sids,
        tdpid,
        declaredIds,
        partners,
        now,
        tid,
        dryRun,
        verdict,
        null,
        false,
        List.of());
  }

  /** A command not evaluated yet (see {@link #withVerdict}). */
  public RealizeCommand(
      Map<String, List<String>> signals,
      List<Integer> sids,
      List<Integer> tdpid,
      List<DeclaredId> declaredIds,
      List<PartnerOutcome> partners,
      long now,
      String tid,
      boolean dryRun) {
    this(signals, sids, tdpid, declaredIds, partners, now, tid, dryRun, null);
  }

  /**
   * What the profile's owner applies: this command with its trait rules evaluated, without its
   * signals (the rules were their only reader, and they stay with the sender: a caller's 32 KB of
   * values never travel to the owner or run on its partition thread).
   */
  public RealizeCommand withVerdict(RuleVerdict v) {
    return new RealizeCommand(
        Map.of(),
        sids,
        tdpid,
        declaredIds,
        partners,
        now,
        tid,
        dryRun,
        v,
        person,
        personWrite,
        views);
  }

  /** This call's traits go to the person's profile {@code key} instead of the device's. */
  public RealizeCommand toPerson(String key) {
    return new RealizeCommand(
        signals, sids, tdpid, declaredIds, partners, now, tid, dryRun, verdict, key, false, views);
  }

  /**
   * What the person's profile applies: the verdict's and {@code d_sid} traits, as they are (the
   * device profile owns the partner answers, the declared IDs and the segments).
   */
  public RealizeCommand forPerson() {
    return new RealizeCommand(
        Map.of(), sids, tdpid, List.of(), List.of(), now, tid, dryRun, verdict, person, true,
        List.of());
  }

  /** With the other profiles the merge rules read. */
  public RealizeCommand withViews(List<TraitView> v) {
    return new RealizeCommand(
        signals,
        sids,
        tdpid,
        declaredIds,
        partners,
        now,
        tid,
        dryRun,
        verdict,
        person,
        personWrite,
        v);
  }

  /** A command applied for real. */
  public RealizeCommand(
      Map<String, List<String>> signals,
      List<Integer> sids,
      List<Integer> tdpid,
      List<DeclaredId> declaredIds,
      List<PartnerOutcome> partners,
      long now,
      String tid) {
    this(signals, sids, tdpid, declaredIds, partners, now, tid, false);
  }

  /** A command without an idempotency key (applied every time it is sent). */
  public RealizeCommand(
      Map<String, List<String>> signals,
      List<Integer> sids,
      List<Integer> tdpid,
      List<DeclaredId> declaredIds,
      List<PartnerOutcome> partners,
      long now) {
    this(signals, sids, tdpid, declaredIds, partners, now, null, false);
  }

  public RealizeCommand {
    tid = tid == null || tid.isEmpty() ? null : tid;
    signals = new LinkedHashMap<>(signals);
    sids = List.copyOf(sids);
    tdpid = List.copyOf(tdpid);
    declaredIds = List.copyOf(declaredIds);
    partners = List.copyOf(partners);
    person = person == null || person.isEmpty() ? null : person;
    views = views == null ? List.of() : List.copyOf(views);
  }

  byte[] pack() {
    VarBytes.Writer w = new VarBytes.Writer();
    w.unsigned(signals.size());
    for (Map.Entry<String, List<String>> e : signals.entrySet()) {
      w.string(e.getKey()).unsigned(e.getValue().size());
      for (String v : e.getValue()) {
        w.string(v);
      }
    }
    ints(w, sids);
    ints(w, tdpid);
    w.unsigned(declaredIds.size());
    for (DeclaredId d : declaredIds) {
      w.unsigned(d.dpid()).string(d.dpuuid()).unsigned(d.packedState());
    }
    w.unsigned(partners.size());
    for (PartnerOutcome p : partners) {
      w.unsigned(p.dpid()).signed(p.ttlSeconds()).unsigned(p.segments().size());
      for (String s : p.segments()) {
        w.string(s);
      }
    }
    w.string(tid == null ? "" : tid);
    w.unsigned(dryRun ? 1 : 0);
    if (verdict != null) {
      w.unsigned(verdict.last() ? 2 : 1);
      ints(w, verdict.sids());
      RuleVerdict.writeView(w, verdict.partnerView());
    } else {
      w.unsigned(0);
    }
    w.string(person == null ? "" : person).unsigned(personWrite ? 1 : 0);
    TraitView.write(w, views, now);
    return w.toBytes();
  }

  static RealizeCommand unpack(byte[] bytes, long now) {
    VarBytes.Reader r = new VarBytes.Reader(bytes);
    int n = r.unsignedInt();
    Map<String, List<String>> signals = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = r.string();
      int m = r.unsignedInt();
      List<String> values = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        values.add(r.string());
      }
      signals.put(key, values);
    }
    List<Integer> sids = ints(r);
    List<Integer> tdpid = ints(r);
    int d = r.unsignedInt();
    List<DeclaredId> declared = new ArrayList<>(d);
    for (int i = 0; i < d; i++) {
      int dpid = r.unsignedInt();
      String dpuuid = r.string();
      declared.add(DeclaredId.unpack(dpid, dpuuid, r.unsignedInt()));
    }
    int p = r.unsignedInt();
    List<PartnerOutcome> partners = new ArrayList<>(p);
    for (int i = 0; i < p; i++) {
      int dpid = r.unsignedInt();
      int ttl = (int) r.signed();
      int s = r.unsignedInt();
      List<String> segs = new ArrayList<>(s);
      for (int j = 0; j < s; j++) {
        segs.add(r.string());
      }
      partners.add(new PartnerOutcome(dpid, segs, ttl));
    }
    // absent when packed by a member of a version without idempotency keys
    String tid = r.hasMore() ? r.string() : null;
    boolean dryRun = r.hasMore() && r.unsigned() == 1;
    // absent when packed by a member that still evaluated rules at the owner: then the owner asks
    // for an evaluation (an empty verdict is not a verdict)
    RuleVerdict verdict = null;
    long hasVerdict = r.hasMore() ? r.unsigned() : 0;
    if (hasVerdict != 0) {
      List<Integer> matched = ints(r);
      Map<Integer, List<String>> view = RuleVerdict.readView(r);
      verdict = new RuleVerdict(matched, view, hasVerdict == 2);
    }
    // absent when packed by a member of a version without people's profiles
    String person = r.hasMore() ? r.string() : null;
    boolean personWrite = r.hasMore() && r.unsigned() == 1;
    List<TraitView> views = r.hasMore() ? TraitView.read(r, now) : List.of();
    return new RealizeCommand(
        signals,
        sids,
        tdpid,
        declared,
        partners,
        now,
        tid,
        dryRun,
        verdict,
        person,
        personWrite,
        views);
  }

  /** The idempotency key of this command, 0 for none. */
  public long callKey() {
    return AppliedCalls.key(tid);
  }

  private static void ints(VarBytes.Writer w, List<Integer> values) {
    w.unsigned(values.size());
    for (int v : values) {
      w.signed(v);
    }
  }

  private static List<Integer> ints(VarBytes.Reader r) {
    int n = r.unsignedInt();
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add((int) r.signed());
    }
    return out;
  }
}
