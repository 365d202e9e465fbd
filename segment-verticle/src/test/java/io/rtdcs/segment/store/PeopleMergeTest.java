package io.rtdcs.segment.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.MergeRule;
import io.rtdcs.segment.definitions.SegmentDefinition;
import io.rtdcs.segment.definitions.TraitDefinition;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * People's profiles and merge rules at the profiles' owners (the receiving member's part, reading
 * and writing the other profiles, is simulated here as {@code RealizeHandler} does it): the phone
 * and laptop of one person, one declared ID.
 */
class PeopleMergeTest {
  private static final long NOW = 1_764_400_000_000L;
  private static final DeclaredId CRM_IN = new DeclaredId(20914, "crm-1", 1, true);
  private static final DeclaredId CRM_OUT = new DeclaredId(20914, "crm-1", 2, true);

  /** Segment 5001 "A AND B" under current+device, 5002 device only, 5003 last+device. */
  private static final Definitions DEFS = definitions();

  private static Definitions definitions() {
    Map<Integer, TraitDefinition> traits = new TreeMap<>();
    for (String t :
        List.of(
            "{\"sid\":1,\"name\":\"A\",\"rule\":\"c_a == 1\"}",
            "{\"sid\":2,\"name\":\"B\",\"rule\":\"c_b == 1\"}",
            "{\"sid\":3,\"name\":\"not read by segments\",\"rule\":\"c_c == 1\"}")) {
      TraitDefinition d = TraitDefinition.fromJson(new JsonObject(t));
      traits.put(d.sid(), d);
    }
    Map<Integer, SegmentDefinition> segments = new TreeMap<>();
    for (String s :
        List.of(
            "{\"id\":5001,\"name\":\"current + device\",\"rule\":\"1T AND 2T\"}",
            "{\"id\":5002,\"name\":\"device\",\"rule\":\"1T AND 2T\",\"mergeRule\":2}",
            "{\"id\":5003,\"name\":\"last + device\",\"rule\":\"1T AND 2T\",\"mergeRule\":3}")) {
      SegmentDefinition d = SegmentDefinition.fromJson(new JsonObject(s));
      segments.put(d.id(), d);
    }
    Definitions defs =
        new Definitions(
            traits,
            segments,
            Map.of(),
            Map.of(),
            Map.of(2, rule(2, "none", "this"), 3, rule(3, "last", "this")),
            1);
    defs.checkReferences();
    return defs;
  }

  private static MergeRule rule(int id, String auth, String devices) {
    return MergeRule.fromJson(
        new JsonObject()
            .put("id", id)
            .put("name", "rule " + id)
            .put("authenticated", auth)
            .put("devices", devices));
  }

  private final Profile phone = new Profile();
  private final Profile laptop = new Profile();
  private final Profile person = new Profile();
  private int calls;

  /**
   * One call on {@code device} as the receiving member makes it: the person's view read first
   * (roles per {@code current}/{@code last}), then the device, then the person's write.
   */
  private RealizeResult call(Profile device, DeclaredId id, int sid) {
    RealizeCommand command =
        new RealizeCommand(
            Map.of(),
            List.of(sid),
            List.of(),
            id == null ? List.of() : List.of(id),
            List.of(),
            NOW + calls,
            "call-" + calls++);
    RuleVerdict verdict = new RuleVerdict(List.of(), Map.of(), true);
    boolean current = id != null && id.auth() == 1;
    // the person is the device's last authenticated once it sent the ID in state 1 or 2
    boolean last = id != null && id.authenticatedOnce();
    List<TraitView> views = new ArrayList<>();
    if (current || last) {
      int roles = (current ? TraitView.CURRENT : 0) | (last ? TraitView.LAST : 0);
      views.add(TraitView.of(roles, id.key(), person, DEFS.segmentTraits(), command.now()));
    }
    RealizeCommand toDevice = current ? command.toPerson(id.key()) : command;
    RealizeResult result =
        ProfileUpdater.realize(device, toDevice.withViews(views).withVerdict(verdict), DEFS);
    if (current) {
      ProfileUpdater.realize(person, command.withVerdict(verdict).forPerson(), DEFS);
    }
    return result;
  }

  @Test
  void theLaptopShouldQualifyForATraitThePhoneRealizedWhileAuthenticatedUnderItsMergeRule() {
    call(phone, CRM_IN, 1); // A on the phone, authenticated: to the person's profile
    assertThat(phone.traits()).isEmpty();
    assertThat(person.traits()).containsOnlyKeys(1);

    RealizeResult anonymous = call(laptop, null, 2); // B on the laptop, not logged in
    assertThat(laptop.traits()).containsOnlyKeys(2);
    assertThat(anonymous.segments()).isEmpty();

    RealizeResult loggedIn = call(laptop, CRM_IN, 3); // the laptop logs in
    assertThat(loggedIn.segments()).containsExactly(5001, 5003).doesNotContain(5002);
    assertThat(laptop.segments()).containsExactly(5001, 5003);

    RealizeResult loggedOut = call(laptop, CRM_OUT, 3);
    assertThat(loggedOut.segments()).containsExactly(5003);
  }

  @Test
  void aTraitRealizedWhileAuthenticatedShouldCountOnThePersonInTheSameCall() {
    call(laptop, null, 2);
    RealizeResult both = call(laptop, CRM_IN, 1);
    assertThat(both.realized()).containsExactly(1);
    assertThat(laptop.traits()).containsOnlyKeys(2);
    assertThat(both.segments()).containsExactly(5001, 5003);
  }

  @Test
  void thePersonsProfileShouldCountEveryCallOnceAndSkipARetry() {
    RealizeCommand command =
        new RealizeCommand(Map.of(), List.of(1), List.of(), List.of(), List.of(), NOW, "same");
    RuleVerdict verdict = new RuleVerdict(List.of(), Map.of(), true);
    RealizeResult first =
        ProfileUpdater.realize(person, command.withVerdict(verdict).forPerson(), DEFS);
    RealizeResult retry =
        ProfileUpdater.realize(person, command.withVerdict(verdict).forPerson(), DEFS);
    assertThat(first.realized()).containsExactly(1);
    assertThat(retry.duplicate()).isTrue();
    assertThat(person.traits().get(1).count()).isEqualTo(1);
    // the answer carries what segment rules read of the person, nothing else
    assertThat(retry.records()).containsOnlyKeys(1);
    assertThat(person.segments()).isEmpty();
  }

  @Test
  void anOptedOutPersonShouldTakeNothingAndShowNothing() {
    ProfileUpdater.realize(
        person,
        new RealizeCommand(Map.of(), List.of(1), List.of(), List.of(), List.of(), NOW, "a")
            .withVerdict(new RuleVerdict(List.of(), Map.of(), true))
            .forPerson(),
        DEFS);
    ProfileUpdater.optOut(person, NOW);
    assertThat(TraitView.of(TraitView.CURRENT, CRM_IN.key(), person, null, NOW).records())
        .isEmpty();
    RealizeResult after =
        ProfileUpdater.realize(
            person,
            new RealizeCommand(Map.of(), List.of(1), List.of(), List.of(), List.of(), NOW, "b")
                .withVerdict(new RuleVerdict(List.of(), Map.of(), true))
                .forPerson(),
            DEFS);
    assertThat(after.optedOut()).isTrue();
    assertThat(person.traits()).isEmpty();
  }

  @Test
  void withoutMergeRulesAnAnonymousDeviceShouldSeeOnlyItself() {
    Map<Integer, SegmentDefinition> defaultRule = new TreeMap<>();
    defaultRule.put(5001, DEFS.segments().get(5001));
    Definitions plain =
        new Definitions(DEFS.traits(), defaultRule, Map.of(), Map.of(), Map.of(), 1);
    assertThat(plain.mergeRule(0)).isEqualTo(MergeRule.BUILT_IN_DEFAULT);
    assertThat(plain.mergeRule(42)).isEqualTo(MergeRule.BUILT_IN_DEFAULT);
    Profile device = new Profile();
    RealizeCommand both =
        new RealizeCommand(Map.of(), List.of(1, 2), List.of(), List.of(), List.of(), NOW, "x");
    RealizeResult r =
        ProfileUpdater.realize(
            device, both.withVerdict(new RuleVerdict(List.of(), Map.of(), true)), plain);
    assertThat(r.segments()).containsExactly(5001);
  }

  @Test
  void theCommandsPeopleFieldsShouldSurvivePacking() {
    Profile p = new Profile();
    TraitRecord t = new TraitRecord(1, NOW - 5_000, NOW - 1_000, 7, 30);
    t.setDay(TraitRecord.epochDay(NOW), 3);
    p.traits().put(1, t);
    RealizeCommand command =
        new RealizeCommand(
                Map.of(), List.of(2), List.of(), List.of(CRM_IN), List.of(), NOW, "packed")
            .toPerson(CRM_IN.key())
            .withViews(List.of(TraitView.of(TraitView.CURRENT | TraitView.ALL, "k", p, null, NOW)))
            .withVerdict(new RuleVerdict(List.of(1), Map.of(), false));
    RealizeCommand back = RealizeCommand.unpack(command.pack(), NOW);
    assertThat(back.person()).isEqualTo(CRM_IN.key());
    assertThat(back.declaredIds()).containsExactly(CRM_IN);
    assertThat(back.views()).hasSize(1);
    TraitView v = back.views().get(0);
    assertThat(v.roles()).isEqualTo(TraitView.CURRENT | TraitView.ALL);
    TraitRecord r = v.records().get(1);
    assertThat(r.count()).isEqualTo(7);
    assertThat(r.firstRealized()).isEqualTo(NOW - 5_000);
    assertThat(r.dailyCounts()).containsEntry(TraitRecord.epochDay(NOW), 3L);
    assertThat(RealizeCommand.unpack(command.forPerson().pack(), NOW).personWrite()).isTrue();
  }
}
