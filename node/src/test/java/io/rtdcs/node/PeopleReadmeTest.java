package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's phone-and-laptop calls (section "People across devices"), word for word, against a
 * node with the demo configuration: what the phone did while Alice was logged in counts on her
 * laptop under the default merge rule, not under "this device only".
 */
@Timeout(120)
class PeopleReadmeTest {
  /** The README's signature of "alice" under the demo's secret of data source 20914. */
  static final String ALICE =
      "d_cid=20914%01alice%011&d_cid_sig=20914%01"
          + "3c4121dfdf13958d2d50570c49b5465152f4508ced50509032ed59d0c486e56f";

  private static RtdcsNode node;
  private static Vertx client;
  private static WebClient web;
  private static int port;

  @BeforeAll
  static void start() {
    port = TestPorts.free();
    JsonObject conf =
        TestConfigs.demoCluster(
            TestConfigs.clusterName(), TestPorts.freeClusterBase(2), port, TestPorts.free());
    node = RtdcsNode.start(new NodeOptions(TestStore.memory(conf)), Clock.systemUTC()).await();
    client = Vertx.vertx();
    web = WebClient.create(client);
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
      client.close().await();
    }
    if (node != null) {
      node.stop().await();
    }
  }

  private static JsonObject event(String query) {
    return web.get(port, "127.0.0.1", "/event?" + query).send().await().bodyAsJsonObject();
  }

  @Test
  void thePhoneAndLaptopCallsShouldQualifyTheLaptopAcrossDevicesOnly() {
    // the README's demo signature is the demo secret's
    assertThat(ALICE)
        .endsWith(
            io.rtdcs.dcs.request.DeclaredIdProof.sign(
                "demo-crm-secret-for-local-tries-only", "alice"));
    // the laptop, before Alice logs in on it: a big basket, on the laptop's own profile
    JsonObject anonymous = event("d_rtbd=json&c_price=150");
    String laptopUuid = anonymous.getString("uuid");
    assertThat(anonymous.getJsonArray("segments", new JsonArray())).doesNotContain(5006, 5007);
    // her phone, logged in: sports, on Alice's profile
    JsonObject phone = event("d_rtbd=json&c_category=sports&" + ALICE);
    assertThat(phone.getString("uuid")).isNotEqualTo(laptopUuid);
    assertThat(phone.getJsonArray("segments", new JsonArray())).doesNotContain(5006, 5007);
    // the laptop, logged in: Alice's sports (phone) and the laptop's big basket
    JsonObject laptop = event("d_rtbd=json&d_uuid=" + laptopUuid + "&" + ALICE);
    assertThat(laptop.getString("uuid")).isEqualTo(laptopUuid);
    assertThat(laptop.getJsonArray("segments")).contains(5006).doesNotContain(5007);

    // Alice's profile by declared ID: what she did logged in (the laptop's basket stays on the
    // laptop), and both devices
    JsonObject alice =
        web.get(port, "127.0.0.1", "/profiles/by-declared-id/20914/alice")
            .bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN)
            .send()
            .await()
            .bodyAsJsonObject();
    JsonArray traits = alice.getJsonObject("profile").getJsonArray("traits");
    assertThat(traits.stream().map(t -> ((JsonObject) t).getInteger("sid")))
        .contains(1002)
        .doesNotContain(1003);
    assertThat(alice.getJsonArray("devices")).contains(phone.getString("uuid"), laptopUuid);
  }

  @Test
  void afterALogoutTheLastAuthenticatedPersonShouldStillApplyThroughTheResolvedIdentities() {
    JsonObject rule =
        new JsonObject()
            .put("name", "Last authenticated + this device")
            .put("authenticated", "last")
            .put("devices", "this");
    assertThat(admin("/admin/merge-rules/2", rule).statusCode()).isEqualTo(200);
    JsonObject segment =
        new JsonObject()
            .put("name", "Sports and big basket, last person")
            .put("rule", "1002T AND 1003T")
            .put("mergeRule", 2);
    assertThat(admin("/admin/segments/5090", segment).statusCode()).isEqualTo(200);
    String bob =
        "d_cid=20914%01bob%01{auth}&d_cid_sig=20914%01"
            + io.rtdcs.dcs.request.DeclaredIdProof.sign(
                "demo-crm-secret-for-local-tries-only", "bob");

    String laptop = event("d_rtbd=json&c_price=150").getString("uuid");
    event("d_rtbd=json&c_category=sports&" + bob.replace("{auth}", "1"));
    JsonObject in = event("d_rtbd=json&d_uuid=" + laptop + "&" + bob.replace("{auth}", "1"));
    assertThat(in.getJsonArray("segments")).contains(5006, 5090);
    JsonObject out = event("d_rtbd=json&d_uuid=" + laptop + "&" + bob.replace("{auth}", "2"));
    assertThat(out.getJsonArray("segments")).contains(5090).doesNotContain(5006);
    // no declared ID at all: the dcs verticle's resolve finds whom the laptop authenticated last
    JsonObject later = event("d_rtbd=json&d_uuid=" + laptop);
    assertThat(later.getJsonArray("segments")).contains(5090).doesNotContain(5006);
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> admin(
      String path, JsonObject body) {
    return web.put(port, "127.0.0.1", path)
        .bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN)
        .sendJsonObject(body)
        .await();
  }
}
