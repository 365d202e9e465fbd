package io.rtdcs.dcs.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.contract.LookupOutcome;
import io.rtdcs.contract.RealizeReply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRecordLogTest {

  @Test
  void recordShouldCarryTraitsSegmentsAndOutcomesButNoPartnerSegmentsOrDetails() {
    RealizeReply realized =
        new RealizeReply(
            "u".repeat(38),
            false,
            new int[] {1001},
            new int[] {1001},
            new int[] {5001, 5003},
            new int[0],
            new JsonArray().add(new JsonObject().put("cv", "segs=secret")),
            new JsonArray(),
            false);
    List<LookupOutcome> outcomes =
        List.of(new LookupOutcome(9001, "ok", List.of("p_income=high"), -1, 12, "p_email=a@b.c"));

    JsonObject line = EventRecordLog.line(42L, "tid-1", "u".repeat(38), realized, outcomes);

    assertThat(line)
        .isEqualTo(
            new JsonObject()
                .put("time", 42L)
                .put("tid", "tid-1")
                .put("uuid", "u".repeat(38))
                .put("realized", new JsonArray().add(1001))
                .put("segments", new JsonArray().add(5001).add(5003))
                .put(
                    "partners",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("dpid", 9001)
                                .put("outcome", "ok")
                                .put("latencyMs", 12L))));
    assertThat(line.encode()).doesNotContain("p_").doesNotContain("secret");
  }

  @Test
  void recordOfAnEventWhoseStoreStepFailedShouldSayNotStored() {
    JsonObject line = EventRecordLog.line(1L, "t", "u", null, List.of());
    assertThat(line.getBoolean("stored")).isFalse();
    assertThat(line.containsKey("segments")).isFalse();
  }
}
