package io.rtdcs.dcs.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class EventRecordLogTest {

  @Test
  void recordShouldCarryTraitsSegmentsAndOutcomesButNoPartnerSegmentsOrDetails() {
    JsonObject realized =
        new JsonObject()
            .put("realized", new JsonArray().add(1001))
            .put("segments", new JsonArray().add(5001).add(5003))
            .put("stuff", new JsonArray().add(new JsonObject().put("cv", "segs=secret")));
    JsonArray outcomes =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("dpid", 9001)
                    .put("outcome", "ok")
                    .put("latencyMs", 12)
                    .put("segments", new JsonArray().add("p_income=high"))
                    .put("detail", "p_email=a@b.c"));

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
                                .put("latencyMs", 12))));
    assertThat(line.encode()).doesNotContain("p_").doesNotContain("secret");
  }

  @Test
  void recordOfAnEventWhoseStoreStepFailedShouldSayNotStored() {
    JsonObject line = EventRecordLog.line(1L, "t", "u", null, new JsonArray());
    assertThat(line.getBoolean("stored")).isFalse();
    assertThat(line.containsKey("segments")).isFalse();
  }
}
