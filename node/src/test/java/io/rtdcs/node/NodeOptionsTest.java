package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class NodeOptionsTest {

  @Test
  void aMistypedKeyShouldStopTheNodeNamingItAndTheKeyMeant() {
    JsonObject config =
        new JsonObject()
            .put("http", new JsonObject().put("prot", 9090))
            .put("metrics", new JsonObject().put("perdefinition", true))
            .put("dcs", new JsonObject().put("anything", 1));
    assertThatThrownBy(() -> new NodeOptions(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http.prot: unknown key (did you mean http.port?)")
        .hasMessageContaining(
            "metrics.perdefinition: unknown key (did you mean metrics.perDefinition?)")
        // the dcs section is its verticle's to check
        .hasMessageNotContaining("anything");
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject()
                        .put("outbound", new JsonObject().put("timeoutMS", 500))
                        .put("segment", new JsonObject().put("idTtlDays", 30))))
        .hasMessage("outbound.timeoutMS: unknown key (did you mean outbound.timeoutMs?)");
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject().put("partner", new JsonObject().put("lookup.replyMargin", 5))))
        .hasMessage(
            "partner.lookup.replyMargin: unknown key (did you mean partner.lookup.replyMarginMs?)");
  }

  @Test
  void theStoreSectionShouldNameTheKeyOfAWrongTypeOrATypo() {
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject().put("store", new JsonObject().put("poolSize", "ten"))))
        .hasMessage("store.poolSize: expected an integer, was ten");
    assertThatThrownBy(
            () -> new NodeOptions(new JsonObject().put("store", new JsonObject().put("url", 5432))))
        .hasMessage("store.url: expected a non-empty string, was 5432");
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject().put("store", new JsonObject().put("writeDelaySecond", 5))))
        .hasMessage("store.writeDelaySecond: unknown key (did you mean store.writeDelaySeconds?)");
    assertThatThrownBy(
            () ->
                new NodeOptions(new JsonObject().put("store", new JsonObject().put("poolSize", 0))))
        .hasMessage("store.poolSize: must be between 1 and 200, not 0");
    assertThat(
            new NodeOptions(
                    new JsonObject()
                        .put(
                            "store",
                            new JsonObject().put("backend", "memory").put("writeDelaySeconds", 5)))
                .getStore()
                .getWriteDelaySeconds())
        .isEqualTo(5);
  }

  @Test
  void theDemoConfigShouldHaveOnlyKnownKeysAndValidDefinitions() throws Exception {
    try (var in = NodeOptions.class.getResourceAsStream("/demo.json")) {
      JsonObject demo = new JsonObject(new String(in.readAllBytes(), "UTF-8"));
      assertThat(new NodeOptions(demo).isDemoPartnerEnabled()).isTrue();
    }
  }

  @Test
  void aSeededDefinitionShouldMeetTheAdminSchema() {
    JsonObject partner =
        new JsonObject(
            """
            {"dpid": 9001, "name": "p", "url": "https://p.example/lookup", "timeoutMS": 50}
            """);
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject()
                        .put(
                            "definitions",
                            new JsonObject().put("partners", new JsonArray().add(partner)))))
        .hasMessageStartingWith("definitions.partners[0].timeoutMS: unknown field");
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject()
                        .put("definitions", new JsonObject().put("trait", new JsonArray()))))
        .hasMessage("definitions.trait: unknown key (did you mean definitions.traits?)");
  }

  @Test
  void emptyConfigShouldGiveTheDocumentedDefaults() {
    NodeOptions o = new NodeOptions(new JsonObject());
    assertThat(o.getHttpPort()).isEqualTo(8080);
    assertThat(o.getClusterPort()).isEqualTo(5701);
    assertThat(o.getClusterMembers()).containsExactly("127.0.0.1");
    assertThat(o.getDcsInstances()).isEqualTo(2);
    assertThat(o.getPartnerInstances()).isEqualTo(1);
    assertThat(o.getSegmentInstances()).isEqualTo(1);
    assertThat(o.isDemoPartnerEnabled()).isFalse();
    assertThat(o.getAdminToken()).isNull();
    // outbound calls reach only public addresses unless egress.allow names others
    assertThat(o.getEgress().allow()).isEmpty();
  }

  @Test
  void egressAllowShouldTakeAListOrACommaSeparatedStringAndRefuseNonsenseByIndex() {
    assertThat(
            new NodeOptions(
                    new JsonObject("{\"egress\": {\"allow\": [\"10.0.0.0/8\", \"p.internal\"]}}"))
                .getEgress()
                .allow())
        .containsExactly("10.0.0.0/8", "p.internal");
    // RTDCS_EGRESS_ALLOW=127.0.0.1,fd00::/8
    assertThat(
            new NodeOptions(new JsonObject("{\"egress\": {\"allow\": \"127.0.0.1, fd00::/8\"}}"))
                .getEgress()
                .allow())
        .containsExactly("127.0.0.1", "fd00::/8");
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject("{\"egress\": {\"allow\": [\"127.0.0.1\", \"10.0.0.0/40\"]}}")))
        .hasMessage("egress.allow[1]: the prefix of 10.0.0.0/40 must be 0 to 32");
  }

  @Test
  void verticleInstancesShouldComeFromTheVerticlesSection() {
    NodeOptions o =
        new NodeOptions(
            new JsonObject(
                "{\"verticles\": {\"dcs\": {\"instances\": 4}, \"partner\": {\"instances\": 0},"
                    + " \"segment\": {\"instances\": 2}}}"));
    assertThat(o.getDcsInstances()).isEqualTo(4);
    assertThat(o.getPartnerInstances()).isZero();
    assertThat(o.getSegmentInstances()).isEqualTo(2);
  }

  @Test
  void invalidValuesShouldBeRefusedWithTheKeyName() {
    assertThatThrownBy(() -> new NodeOptions(new JsonObject("{\"http\": {\"port\": 70000}}")))
        .hasMessageStartingWith("http.port:");
    assertThatThrownBy(() -> new NodeOptions(new JsonObject("{\"http\": {\"port\": \"x\"}}")))
        .hasMessageStartingWith("http.port:");
    assertThatThrownBy(
            () ->
                new NodeOptions(new JsonObject("{\"verticles\": {\"dcs\": {\"instances\": -1}}}")))
        .hasMessageStartingWith("verticles.dcs.instances:");
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject("{\"verticles\": {\"outbound\": {\"instances\": 2}}}")))
        .hasMessageStartingWith("verticles.outbound.instances:");
    assertThatThrownBy(() -> new NodeOptions(new JsonObject("{\"cluster\": {\"members\": []}}")))
        .hasMessageStartingWith("cluster.members:");
    assertThatThrownBy(
            () ->
                new NodeOptions(
                    new JsonObject("{\"cluster\": {\"members\": [\"127.0.0.1:5701-5703\"]}}")))
        .hasMessageStartingWith("cluster.members:");
    assertThatThrownBy(() -> new NodeOptions(new JsonObject("{\"admin\": {\"token\": \"short\"}}")))
        .hasMessageStartingWith("admin.token:");
    // a sample's placeholder, long enough, is refused too; the message never repeats the token
    for (String weak :
        new String[] {
          "change-me-to-a-long-random-token",
          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
          "replace-me-with-a-random-token-0123456789"
        }) {
      assertThatThrownBy(
              () ->
                  new NodeOptions(
                      new JsonObject().put("admin", new JsonObject().put("token", weak))))
          .hasMessageStartingWith("admin.token:")
          .hasMessageNotContaining(weak);
    }
    assertThatThrownBy(() -> new NodeOptions(new JsonObject("{\"cluster\": 3}")))
        .hasMessageStartingWith("cluster:");
    assertThatThrownBy(
            () -> new NodeOptions(new JsonObject("{\"demoPartner\": {\"enabled\": \"yes\"}}")))
        .hasMessageStartingWith("demoPartner.enabled:");
    assertThatThrownBy(
            () -> new NodeOptions(new JsonObject("{\"demoPartner\": {\"mode\": \"explode\"}}")))
        .hasMessageStartingWith("demoPartner.mode:");
  }

  @Test
  void eventBusAddressShouldBeReadFromClusterEventBus() {
    NodeOptions o =
        new NodeOptions(
            new JsonObject(
                "{\"cluster\": {\"host\": \"10.0.0.5\", \"eventBus\": {\"port\": 5801,"
                    + " \"publicHost\": \"rtdcs1\", \"publicPort\": 15801}}}"));
    io.vertx.core.eventbus.EventBusOptions bus =
        o.getEventBus().toEventBusOptions(o.getClusterHost());
    assertThat(bus.getHost()).isEqualTo("10.0.0.5");
    assertThat(bus.getPort()).isEqualTo(5801);
    assertThat(bus.getClusterPublicHost()).isEqualTo("rtdcs1");
    assertThat(bus.getClusterPublicPort()).isEqualTo(15801);
    // defaults: cluster.host, a random port, advertised as bound
    NodeOptions d = new NodeOptions(new JsonObject());
    io.vertx.core.eventbus.EventBusOptions dflt =
        d.getEventBus().toEventBusOptions(d.getClusterHost());
    assertThat(dflt.getHost()).isEqualTo("127.0.0.1");
    assertThat(dflt.getPort()).isZero();
    assertThat(dflt.getClusterPublicHost()).isNull();
    assertThat(dflt.getClusterPublicPort()).isEqualTo(-1);
    // cluster.host 0.0.0.0 (containers): the bus binds the address Hazelcast picked
    NodeOptions any = new NodeOptions(new JsonObject("{\"cluster\": {\"host\": \"0.0.0.0\"}}"));
    assertThat(any.getEventBus().toEventBusOptions(any.getClusterHost()).getHost()).isNull();
  }

  @Test
  void invalidEventBusAddressesShouldBeRefusedWithTheKeyName() {
    String[][] cases = {
      {"{\"port\": 65536}", "cluster.eventBus.port:"},
      {"{\"port\": -1}", "cluster.eventBus.port:"},
      {"{\"port\": \"fifty\"}", "cluster.eventBus.port:"},
      {"{\"port\": 5801, \"publicPort\": 70000}", "cluster.eventBus.publicPort:"},
      {"{\"publicPort\": 15801}", "cluster.eventBus.publicPort:"},
      {"{\"host\": \"0.0.0.0\"}", "cluster.eventBus.publicHost:"},
      {"{\"host\": 5}", "cluster.eventBus.host:"},
      {"{\"publicHost\": \"a b\"}", "cluster.eventBus.publicHost:"},
      {"{\"prot\": 5801}", "cluster.eventBus.prot:"},
      {"{\"port\": 8080}", "cluster.eventBus.port:"},
      {"{\"port\": 5701}", "cluster.eventBus.port:"}
    };
    for (String[] c : cases) {
      JsonObject json =
          new JsonObject().put("cluster", new JsonObject().put("eventBus", new JsonObject(c[0])));
      assertThatThrownBy(() -> new NodeOptions(json)).as(c[0]).hasMessageStartingWith(c[1]);
    }
    assertThatThrownBy(() -> new NodeOptions(new JsonObject("{\"cluster\": {\"eventBus\": 1}}")))
        .hasMessageStartingWith("cluster.eventBus:");
  }

  @Test
  void optionsShouldSurviveARoundTripThroughJson() {
    NodeOptions o =
        new NodeOptions()
            .setHttpPort(9090)
            .setClusterMembers(java.util.List.of("10.0.0.1", "10.0.0.2"))
            .setAdminToken("round-trip-admin-token-7c41e9a2b85f")
            .setEgress(
                new io.rtdcs.common.egress.OutboundAddressPolicy(
                    java.util.List.of("127.0.0.1", "partner.internal")))
            .setEventBus(
                EventBusAddressOptions.from(
                    new JsonObject(
                        "{\"eventBus\": {\"host\": \"10.0.0.1\", \"port\": 5801,"
                            + " \"publicHost\": \"rtdcs1\", \"publicPort\": 15801}}")));
    NodeOptions copy = new NodeOptions(o.toJson());
    assertThat(copy.toJson()).isEqualTo(o.toJson());
  }
}
