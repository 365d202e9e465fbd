package io.rtdcs.segment.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.segment.definitions.Definitions;
import io.rtdcs.segment.definitions.DefinitionsSeeder;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The owner applies the trait rules' verdict; it never evaluates the rules itself. */
class RuleVerdictTest {
  private static final long NOW = 1_764_400_000_000L;

  private static final Definitions DEFS = definitions();

  private static Definitions definitions() {
    DefinitionsSeeder.Seed seed =
        DefinitionsSeeder.validate(
            new JsonObject(
                """
                {"traits":[
                   {"sid":3001,"name":"shoes","type":"rule","rule":"c_category == \\"shoes\\""},
                   {"sid":3002,"name":"partner x","type":"rule","rule":"d_pseg_9001 == \\"x\\""}],
                 "segments":[{"id":5001,"name":"shoe buyers","rule":"3001T"}]}
                """));
    return new Definitions(seed.traits(), seed.segments(), seed.destinations(), Map.of(), 1);
  }

  private static RealizeCommand command(Map<String, List<String>> signals) {
    return new RealizeCommand(signals, List.of(), List.of(), List.of(), List.of(), NOW, "tid-1");
  }

  @Test
  void theOwnerShouldApplyTheVerdictAsItIsWithoutEvaluatingTheRules() {
    RealizeCommand shoes = command(Map.of("c_category", List.of("shoes")));
    Profile p = new Profile();
    RealizeResult none =
        ProfileUpdater.realize(
            p, shoes.withVerdict(new RuleVerdict(List.of(), Map.of(), false)), DEFS);
    assertThat(none.realized()).isEmpty();

    RealizeCommand nothing = command(Map.of());
    RealizeResult given =
        ProfileUpdater.realize(
            new Profile(),
            nothing.withVerdict(new RuleVerdict(List.of(3001, 999), Map.of(), false)),
            DEFS);
    // 999 names no trait here (deleted since the evaluation): skipped
    assertThat(given.realized()).containsExactly(3001);
    assertThat(given.segments()).containsExactly(5001);
  }

  @Test
  void aVerdictOnOtherPartnerAnswersThanTheProfileCachesShouldChangeNothing() {
    Profile p = new Profile();
    p.partners().put(9001, new PartnerEntry(9001, List.of("x"), NOW - 1_000, NOW + 60_000));
    RealizeCommand call = command(Map.of());
    RuleVerdict first =
        RuleVerdict.evaluate(DEFS, call, RuleVerdict.commandView(DEFS, call), false);
    assertThat(first.sids()).isEmpty();

    RealizeResult stale = ProfileUpdater.realize(p, call.withVerdict(first), DEFS);

    assertThat(stale.staleView()).isEqualTo(Map.of(9001, List.of("x")));
    assertThat(p.traits()).isEmpty();
    assertThat(p.appliedCalls().contains(call.callKey())).isFalse();
    assertThat(p.lastSeen()).isZero();

    RuleVerdict second = RuleVerdict.evaluate(DEFS, call, stale.staleView(), false);
    RealizeResult applied = ProfileUpdater.realize(p, call.withVerdict(second), DEFS);
    assertThat(applied.staleView()).isNull();
    assertThat(applied.realized()).containsExactly(3002);
  }

  @Test
  void theLastVerdictShouldBeAppliedEvenOnOtherPartnerAnswers() {
    Profile p = new Profile();
    p.partners().put(9001, new PartnerEntry(9001, List.of("x"), NOW - 1_000, NOW + 60_000));
    RealizeCommand call = command(Map.of("c_category", List.of("shoes")));
    RuleVerdict last = RuleVerdict.evaluate(DEFS, call, Map.of(), true);

    RealizeResult applied = ProfileUpdater.realize(p, call.withVerdict(last), DEFS);

    assertThat(applied.staleView()).isNull();
    assertThat(applied.realized()).containsExactly(3001);
  }

  @Test
  void answersOfPartnersNoRuleReadsShouldNotMakeAVerdictStale() {
    Profile p = new Profile();
    p.partners().put(9002, new PartnerEntry(9002, List.of("y"), NOW - 1_000, NOW + 60_000));
    // an expired answer of a partner that rules read is no answer
    p.partners().put(9001, new PartnerEntry(9001, List.of("x"), NOW - 120_000, NOW - 60_000));
    RealizeCommand call = command(Map.of("c_category", List.of("shoes")));
    RuleVerdict verdict =
        RuleVerdict.evaluate(DEFS, call, RuleVerdict.commandView(DEFS, call), false);

    RealizeResult applied = ProfileUpdater.realize(p, call.withVerdict(verdict), DEFS);

    assertThat(applied.staleView()).isNull();
    assertThat(applied.realized()).containsExactly(3001);
  }

  @Test
  void aCallersOwnPartnerSegmentSignalShouldNotReachTheRules() {
    RealizeCommand spoof = command(Map.of("d_pseg_9001", List.of("x")));
    assertThat(RuleVerdict.evaluate(DEFS, spoof, Map.of(), false).sids()).isEmpty();
  }

  @Test
  void theVerdictShouldTravelToTheOwnerWithTheCommand() {
    RealizeCommand call =
        command(Map.of("c_category", List.of("shoes")))
            .withVerdict(
                new RuleVerdict(List.of(3001, 3002), Map.of(9001, List.of("x", "y")), true));

    RealizeCommand unpacked = RealizeCommand.unpack(call.pack(), NOW);

    assertThat(unpacked.verdict()).isEqualTo(call.verdict());
    assertThat(RealizeCommand.unpack(command(Map.of()).pack(), NOW).verdict()).isNull();
  }
}
