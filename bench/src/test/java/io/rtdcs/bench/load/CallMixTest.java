package io.rtdcs.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Visitors, path templates and event.lua's mix. */
class CallMixTest {
  private final VisitorPool pool = new VisitorPool(20_000);

  @Test
  void visitorsShouldBeEventLuasThirtyEightDigitUuids() {
    // event.lua: string.format("%019d%019d", 1000000000 + i * 7919, 4242424242 + i)
    assertThat(pool.uuid(1)).isEqualTo("00000000010000079190000000004242424243");
    assertThat(pool.uuid(20_000)).hasSize(38).matches("[0-9]{38}");
    assertThat(pool.inTurn(0)).isEqualTo(pool.uuid(1));
    assertThat(pool.inTurn(20_000)).isEqualTo(pool.uuid(1));
    assertThat(pool.atRandom(42, 7)).isEqualTo(pool.atRandom(42, 7));
    assertThatThrownBy(() -> pool.uuid(0)).hasMessageContaining("1 to 20000");
    assertThatThrownBy(() -> new VisitorPool(0)).hasMessageContaining("visitors");
  }

  @Test
  void aTemplateShouldTakeTheCallsVisitorAndIndex() {
    PathTemplate inTurn = new PathTemplate("/event?d_uuid=%UUID%&n=%INDEX%", pool, false, 1);
    assertThat(inTurn.apply(1)).isEqualTo("/event?d_uuid=" + pool.uuid(2) + "&n=1");
    PathTemplate random = new PathTemplate("/event?d_uuid=%UUID%", pool, true, 1);
    Set<String> seen = new HashSet<>();
    for (long i = 0; i < 1000; i++) {
      seen.add(random.apply(i));
    }
    assertThat(seen.size()).isGreaterThan(900);
    assertThatThrownBy(() -> new PathTemplate("event", pool, true, 1))
        .hasMessageContaining("must start with /");
  }

  @Test
  void theEventMixShouldHaveEventLuasShares() {
    EventCallMix mix = new EventCallMix(pool, 42);
    int calls = 10_000;
    int withUuid = 0;
    int withCid = 0;
    for (long i = 0; i < calls; i++) {
      String path = mix.apply(i);
      assertThat(path).startsWith("/event?d_rtbd=json").contains("&c_category=");
      withUuid += path.contains("&d_uuid=") ? 1 : 0;
      withCid += path.contains("&d_cid=20915%01DEV-") ? 1 : 0;
    }
    assertThat(withUuid).isBetween(6700, 7300);
    assertThat(withCid).isBetween(1800, 2200);
    assertThat(mix.apply(5)).isEqualTo(new EventCallMix(pool, 42).apply(5));
  }
}
