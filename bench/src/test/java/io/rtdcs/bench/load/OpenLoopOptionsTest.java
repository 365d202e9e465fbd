package io.rtdcs.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Options that refuse nonsense at the setter, naming the option. */
class OpenLoopOptionsTest {
  @Test
  void setterShouldRefuseNonsenseNamingTheOption() {
    OpenLoopOptions o = new OpenLoopOptions();
    assertThatThrownBy(() -> o.setRatePerSecond(0)).hasMessageContaining("ratePerSecond");
    assertThatThrownBy(() -> o.setRatePerSecond(Double.NaN)).hasMessageContaining("ratePerSecond");
    assertThatThrownBy(() -> o.setDuration(Duration.ZERO)).hasMessageContaining("duration");
    assertThatThrownBy(() -> o.setMaxConnections(0)).hasMessageContaining("maxConnections");
    assertThatThrownBy(() -> o.setCallTimeout(Duration.ZERO)).hasMessageContaining("callTimeout");
    assertThatThrownBy(() -> o.setTargets(List.of())).hasMessageContaining("targets");
    assertThatThrownBy(() -> o.setTargets("https://127.0.0.1:8280"))
        .hasMessageContaining("http://host");
    assertThatThrownBy(() -> o.setTargets("127.0.0.1:8280")).hasMessageContaining("targets");
    assertThatThrownBy(() -> o.setTargets("http://127.0.0.1:8280/?x=1"))
        .hasMessageContaining("query");
  }

  @Test
  void aLoadShouldNeedTargetsAndAPathFactory() {
    assertThatThrownBy(() -> new OpenLoopLoad(new OpenLoopOptions().setPathFactory(i -> "/")))
        .hasMessageContaining("targets");
    assertThatThrownBy(() -> new OpenLoopLoad(new OpenLoopOptions().setTargets("http://a:1")))
        .hasMessageContaining("pathFactory");
  }

  @Test
  void theCopyShouldHoldEveryOption() {
    OpenLoopOptions o =
        new OpenLoopOptions()
            .setTargets("http://127.0.0.1:1", "http://127.0.0.1:2")
            .setRatePerSecond(5)
            .setDuration(Duration.ofSeconds(3))
            .setPathFactory(i -> "/p")
            .setTargetSelector((i, n) -> 1)
            .setMaxConnections(7)
            .setCallTimeout(Duration.ofMillis(300))
            .setDegradationCodes(Set.of(9))
            .setOutcomeListener(c -> {});
    OpenLoopOptions copy = new OpenLoopOptions(o);
    assertThat(copy.getTargets()).hasSize(2);
    assertThat(copy.getRatePerSecond()).isEqualTo(5);
    assertThat(copy.getDuration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(copy.getPathFactory()).isSameAs(o.getPathFactory());
    assertThat(copy.getTargetSelector()).isSameAs(o.getTargetSelector());
    assertThat(copy.getMaxConnections()).isEqualTo(7);
    assertThat(copy.getCallTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(copy.getDegradationCodes()).containsExactly(9);
    assertThat(copy.getOutcomeListener()).isSameAs(o.getOutcomeListener());
    assertThat(new OpenLoopOptions().getDegradationCodes())
        .containsExactlyInAnyOrder(200, 201, 202);
  }
}
