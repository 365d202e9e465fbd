package io.rtdcs.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code OpenLoopMain}'s command line. */
class OpenLoopCommandTest {
  @Test
  void theIssuesCommandLineShouldRead() {
    OpenLoopCommand c =
        OpenLoopCommand.parse(
            new String[] {
              "--url",
              "http://127.0.0.1:8280",
              "--rate",
              "1000",
              "--duration",
              "15",
              "--warmup",
              "5",
              "--visitors",
              "20000",
              "--path-template",
              "/event?d_rtbd=json&c_category=shoes&d_uuid=%UUID%"
            });
    assertThat(c.rates).containsExactly(1000.0);
    assertThat(c.duration).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.warmup).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.probe).isNull();
    assertThat(c.load.getTargets()).hasSize(1);
    assertThat(c.load.getPathFactory().apply(0))
        .startsWith("/event?d_rtbd=json&c_category=shoes&d_uuid=")
        .hasSize("/event?d_rtbd=json&c_category=shoes&d_uuid=".length() + 38);
  }

  @Test
  void severalRatesAndTheCapacityProbeShouldRead() {
    OpenLoopCommand c =
        OpenLoopCommand.parse(
            new String[] {
              "--rate", "100,250.5", "--mix", "event", "--find-capacity", "--p99-bound-ms", "120"
            });
    assertThat(c.rates).containsExactly(100.0, 250.5);
    assertThat(c.probe).isNotNull();
    assertThat(c.probe.getP99Bound()).isEqualTo(Duration.ofMillis(120));
    assertThat(c.load.getPathFactory()).isInstanceOf(EventCallMix.class);
  }

  @Test
  void nonsenseShouldBeRefusedNamingTheOption() {
    assertThatThrownBy(() -> OpenLoopCommand.parse(new String[] {"--rte", "5"}))
        .hasMessageContaining("--rte");
    assertThatThrownBy(() -> OpenLoopCommand.parse(new String[] {"--rate", "fast"}))
        .hasMessageContaining("--rate");
    assertThatThrownBy(() -> OpenLoopCommand.parse(new String[] {"--rate", "0"}))
        .hasMessageContaining("ratePerSecond");
    assertThatThrownBy(
            () -> OpenLoopCommand.parse(new String[] {"--mix", "event", "--path-template", "/x"}))
        .hasMessageContaining("one or the other");
    assertThatThrownBy(() -> OpenLoopCommand.parse(new String[] {"--visitor-order", "sorted"}))
        .hasMessageContaining("--visitor-order");
    assertThatThrownBy(() -> OpenLoopCommand.parse(new String[] {"--url", "ftp://x"}))
        .hasMessageContaining("targets");
  }
}
