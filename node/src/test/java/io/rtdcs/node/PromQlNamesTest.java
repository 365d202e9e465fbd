package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlNamesTest {

  @Test
  void namesShouldBeTheSeriesNotFunctionsLabelsDurationsOrVariables() {
    assertThat(
            PromQlNames.of(
                "histogram_quantile(0.99, sum by (instance, le) (rate(rtdcs_event_seconds_bucket"
                    + "{instance=~\"$instance\",code!=\"200\"}[$__rate_interval])))"
                    + " > on (instance) group_left max by (instance) (rtdcs_event_budget_seconds)"))
        .containsExactly("rtdcs_event_seconds_bucket", "rtdcs_event_budget_seconds");
  }

  @Test
  void keywordsNumbersAndOffsetsShouldNotCount() {
    Set<String> names =
        PromQlNames.of(
            "rtdcs_store_write_backlog > 0.5 * rtdcs_store_write_backlog_limit and"
                + " deriv(rtdcs_store_write_backlog[10m] offset 5m) > 1e3 or vector(1) unless"
                + " count(up{job=\"rtdcs\"}) > bool 2 + ${DS_PROMETHEUS}");
    assertThat(names)
        .containsExactlyInAnyOrder(
            "rtdcs_store_write_backlog", "rtdcs_store_write_backlog_limit", "up");
  }

  @Test
  void aMisspeltSeriesShouldBeNamed() {
    assertThat(PromQlNames.of("sum by (dpid) (rate(rtdcs_partner_call_total[5m]))"))
        .containsExactly("rtdcs_partner_call_total");
  }
}
