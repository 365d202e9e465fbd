package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

  @Test
  void knownFormatsAndLevelsShouldPass() {
    assertThatCode(
            () ->
                LogSettings.check(
                    Map.of(
                        "RTDCS_LOG_FORMAT", "json",
                        "RTDCS_LOG_LEVEL", "debug",
                        "RTDCS_EVENT_LOG", "INFO"),
                    new Properties()))
        .doesNotThrowAnyException();
    assertThatCode(() -> LogSettings.check(Map.of(), new Properties())).doesNotThrowAnyException();
  }

  @Test
  void unknownFormatShouldNameTheVariable() {
    assertThatThrownBy(
            () -> LogSettings.check(Map.of("RTDCS_LOG_FORMAT", "JSON"), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("RTDCS_LOG_FORMAT: expected text or json");
  }

  @Test
  void systemPropertyShouldWinOverTheEnvironmentAsInLogback() {
    Properties props = new Properties();
    props.setProperty("RTDCS_EVENT_LOG", "loud");
    assertThatThrownBy(() -> LogSettings.check(Map.of("RTDCS_EVENT_LOG", "INFO"), props))
        .hasMessageStartingWith("RTDCS_EVENT_LOG: expected one of");
  }
}
