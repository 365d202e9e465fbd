package io.rtdcs.segment.outbound;

import static io.rtdcs.segment.SegmentFixture.failure;
import static io.rtdcs.segment.SegmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.rtdcs.common.Addresses;
import io.rtdcs.common.ClusterMaps;
import io.rtdcs.segment.SegmentFixture;
import io.rtdcs.segment.TestMembers;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code dcs.admin.destinations} with {@code type: s2s}: defaults, and errors naming the field. */
class S2sDestinationAdminTest {
  private static List<HazelcastInstance> members;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    members = TestMembers.start(1);
    vertx = Vertx.vertx();
    SegmentFixture.deploy(vertx, members.get(0), Clock.systemUTC(), SegmentFixture.config());
  }

  @AfterAll
  static void stop() {
    SegmentFixture.await(vertx.close());
    TestMembers.shutdown(members);
  }

  private static JsonObject valid() {
    return new JsonObject()
        .put("type", "s2s")
        .put("name", "Partner server")
        .put("url", "https://partner.example/from-aam-s2s")
        .put("userDpid", 9001)
        .put(
            "mappings",
            new JsonArray().add(new JsonObject().put("segment", 5001).put("value", "a")));
  }

  private static JsonObject put(JsonObject definition) {
    return new JsonObject().put("op", "put").put("id", 7100).put("definition", definition);
  }

  private static String error(JsonObject definition) {
    ReplyException e = failure(vertx, Addresses.ADMIN_DESTINATIONS, put(definition));
    assertThat(e.failureCode()).isEqualTo(400);
    return e.getMessage();
  }

  @Test
  void aValidS2sDestinationShouldBeStoredWithDefaults() {
    JsonObject stored =
        request(
            vertx,
            Addresses.ADMIN_DESTINATIONS,
            put(valid().put("signing", new JsonObject().put("key", "k"))));
    assertThat(stored.getString("type")).isEqualTo("s2s");
    assertThat(stored.getInteger("maxUsersPerMessage")).isEqualTo(10);
    assertThat(stored.getInteger("batchWindowMs")).isEqualTo(200);
    assertThat(stored.getString("clientId")).isEmpty();
    assertThat(stored.getJsonObject("signing"))
        .isEqualTo(
            new JsonObject()
                .put("algorithm", "HmacSHA1")
                .put("header", "X-Signature")
                .put("key", "(write-only)"));
  }

  @Test
  void secretsShouldBeWriteOnlyAndKeptWhenTheMaskComesBack() {
    JsonObject withSecrets =
        valid()
            .put("signing", new JsonObject().put("key", "signing-secret-1"))
            .put(
                "oauth",
                new JsonObject()
                    .put("tokenUrl", "https://auth.example/token")
                    .put("clientId", "rtdcs")
                    .put("clientSecret", "oauth-secret-1"));
    JsonObject stored = request(vertx, Addresses.ADMIN_DESTINATIONS, put(withSecrets));
    JsonObject got =
        request(
            vertx, Addresses.ADMIN_DESTINATIONS, new JsonObject().put("op", "get").put("id", 7100));
    JsonObject listed =
        request(vertx, Addresses.ADMIN_DESTINATIONS, new JsonObject().put("op", "list"));
    for (JsonObject answer : new JsonObject[] {stored, got, listed}) {
      assertThat(answer.encode()).doesNotContain("signing-secret-1", "oauth-secret-1");
    }
    assertThat(got.getJsonObject("oauth").getString("clientSecret")).isEqualTo("(write-only)");

    // get, edit, put back: the stored secrets stay
    request(vertx, Addresses.ADMIN_DESTINATIONS, put(got.copy().put("name", "renamed")));
    JsonObject raw =
        new JsonObject(members.get(0).<Integer, String>getMap(ClusterMaps.DESTINATIONS).get(7100));
    assertThat(raw.getString("name")).isEqualTo("renamed");
    assertThat(raw.getJsonObject("signing").getString("key")).isEqualTo("signing-secret-1");
    assertThat(raw.getJsonObject("oauth").getString("clientSecret")).isEqualTo("oauth-secret-1");

    // the mask with nothing stored to keep names the field
    request(
        vertx, Addresses.ADMIN_DESTINATIONS, new JsonObject().put("op", "delete").put("id", 7100));
    assertThat(error(got)).startsWith("definition: signing.key: (write-only) keeps");
  }

  @Test
  void invalidFieldsShouldBeRejectedByName() {
    assertThat(error(valid().put("url", "http://partner.example/x"))).startsWith("url: ");
    assertThat(error(valid().put("url", "ftp://127.0.0.1/x"))).startsWith("url: ");
    assertThat(error(valid().putNull("userDpid"))).startsWith("userDpid: ");
    assertThat(error(valid().put("userDpid", -1))).startsWith("userDpid: ");
    assertThat(error(valid().put("maxUsersPerMessage", 11))).startsWith("maxUsersPerMessage: ");
    assertThat(error(valid().put("maxUsersPerMessage", 0))).startsWith("maxUsersPerMessage: ");
    assertThat(error(valid().put("batchWindowMs", -1))).startsWith("batchWindowMs: ");
    assertThat(error(valid().put("signing", new JsonObject()))).startsWith("signing.key: ");
    assertThat(
            error(
                valid().put("signing", new JsonObject().put("key", "k").put("algorithm", "SHA1"))))
        .startsWith("signing.algorithm: ");
    assertThat(
            error(
                valid()
                    .put(
                        "oauth",
                        new JsonObject()
                            .put("tokenUrl", "http://auth.example/token")
                            .put("clientId", "c")
                            .put("clientSecret", "s"))))
        .startsWith("oauth.tokenUrl: ");
    assertThat(
            error(
                valid()
                    .put(
                        "oauth",
                        new JsonObject()
                            .put("tokenUrl", "https://auth.example/token")
                            .put("clientId", "c"))))
        .startsWith("oauth.clientSecret: ");
    assertThat(error(valid().put("type", "ftp"))).startsWith("type: ");
    ReplyException missingSegment =
        failure(
            vertx,
            Addresses.ADMIN_DESTINATIONS,
            put(
                valid()
                    .put(
                        "mappings",
                        new JsonArray()
                            .add(new JsonObject().put("segment", 999).put("value", "x")))));
    assertThat(missingSegment.failureCode()).isEqualTo(409);
  }

  @Test
  void plainHttpShouldBeAcceptedOnlyToLoopback() {
    JsonObject stored =
        request(
            vertx,
            Addresses.ADMIN_DESTINATIONS,
            put(valid().put("url", "http://127.0.0.1:9999/push")));
    assertThat(stored.getString("url")).isEqualTo("http://127.0.0.1:9999/push");
  }

  @Test
  void internalAddressesShouldBeRefusedWhenWrittenNamingTheFieldAndNothingStored() {
    assertThat(error(valid().put("url", "https://169.254.169.254/latest/meta-data/")))
        .isEqualTo(
            "url: resolves to a cloud metadata address (169.254.169.254); only an egress.allow"
                + " entry of exactly 169.254.169.254 permits it");
    assertThat(error(valid().put("url", "https://10.0.0.7/push")))
        .isEqualTo(
            "url: resolves to a private address (10.0.0.7); add it to egress.allow to permit");
    assertThat(error(valid().put("url", "https://[fd00:ec2::254]/push")))
        .startsWith("url: resolves to a cloud metadata address");
    assertThat(
            error(
                valid()
                    .put(
                        "oauth",
                        new JsonObject()
                            .put("tokenUrl", "https://192.168.1.1/token")
                            .put("clientId", "c")
                            .put("clientSecret", "s"))))
        .isEqualTo(
            "oauth.tokenUrl: resolves to a private address (192.168.1.1); add it to egress.allow"
                + " to permit");
    assertThat(members.get(0).<Integer, String>getMap(ClusterMaps.DESTINATIONS).get(7100)).isNull();
  }

  @Test
  void aConfigDestinationOnAnInternalAddressShouldStopTheVerticleNamingIt() {
    JsonObject definitions = SegmentFixture.demoDefinitions();
    definitions
        .getJsonArray("destinations")
        .add(valid().put("id", 7200).put("url", "https://169.254.169.254/latest/meta-data/"));
    Vertx other = Vertx.vertx();
    try {
      assertThatThrownBy(
              () ->
                  SegmentFixture.deploy(
                      other,
                      members.get(0),
                      Clock.systemUTC(),
                      new JsonObject().put("definitions", definitions)))
          .hasMessageContaining(
              "definitions.destinations[2].url: resolves to a cloud metadata address"
                  + " (169.254.169.254)");
    } finally {
      SegmentFixture.await(other.close());
    }
  }
}
