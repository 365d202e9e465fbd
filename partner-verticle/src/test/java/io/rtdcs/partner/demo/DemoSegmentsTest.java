package io.rtdcs.partner.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DemoSegmentsTest {

  @Property(tries = 500)
  void everyVisitorShouldGetOneToThreeStableSegments(@ForAll String uuid) {
    var segments = DemoSegments.forVisitor(uuid, new JsonObject());

    assertThat(segments).hasSizeBetween(1, 3).isSubsetOf(DemoSegments.BASE);
    assertThat(DemoSegments.forVisitor(uuid, new JsonObject())).isEqualTo(segments);
  }

  @Test
  void categorySignalShouldAddABuyerSegment() {
    JsonObject signals =
        new JsonObject().put("c_category", new JsonArray().add("shoes").add("Home & Garden"));

    assertThat(DemoSegments.forVisitor("22920112968019678612904394744954398990", signals))
        .contains("shoes-buyer", "home-garden-buyer");
  }

  @Test
  void mainShouldParseItsFlagsAndRejectUnknownOnes() {
    assertThat(
            DemoPartnerMain.parse(
                new String[] {"--port", "8091", "--latency-ms", "20", "--mode", "slow-body"}))
        .isEqualTo(
            new JsonObject().put("port", 8091).put("latencyMs", 20L).put("mode", "slow-body"));
    assertThatThrownBy(() -> DemoPartnerMain.parse(new String[] {"--speed", "1"}))
        .hasMessage("--speed: unknown option");
    assertThatThrownBy(() -> new DemoPartnerOptions(new JsonObject().put("mode", "fast")))
        .hasMessageStartingWith("mode: must be one of");
  }

  @Test
  void optionsShouldNameAWrongTypeOrAnUnknownKeyAndChangeNothing() {
    DemoPartnerOptions options = new DemoPartnerOptions(new JsonObject().put("latencyMs", 20));
    assertThatThrownBy(() -> options.merge(new JsonObject().put("port", 8090.5)))
        .hasMessage("port: expected an integer, was 8090.5");
    assertThatThrownBy(() -> options.merge(new JsonObject().put("failureRate", "half")))
        .hasMessage("failureRate: expected a number, was half");
    assertThatThrownBy(() -> new DemoPartnerOptions(new JsonObject().put("latencyMS", 5)))
        .hasMessage("latencyMS: unknown key (did you mean latencyMs?)");
    assertThat(options.merge(new JsonObject().put("failureRate", 0.25)).getFailureRate())
        .isEqualTo(0.25);
    assertThat(options.getLatencyMs()).isEqualTo(20);
  }
}
