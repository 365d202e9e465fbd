package io.rtdcs.partner.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.partner.support.StubPartnerServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The check at call time: whatever the URL looked like when it was written, a call whose connection
 * reached an address {@code egress.allow} does not open sends nothing (a host name that resolves
 * elsewhere later, DNS rebinding).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(VertxExtension.class)
class HttpPartnerClientEgressTest {

  @Test
  void aCallThatConnectsToAnInternalAddressShouldSendNothing(Vertx vertx) {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    HttpClient http = vertx.createHttpClient();

    // "localhost" passed the write-time check somewhere else; here it reaches loopback
    PartnerResult refused =
        call(vertx, http, OutboundAddressPolicy.DEFAULT, "http://localhost:" + stub.port() + "/ok");

    assertThat(refused.outcome()).isEqualTo(PartnerOutcome.ERROR);
    assertThat(refused.detail())
        .startsWith("address refused: resolves to a loopback address (127.0.0.1)");
    assertThat(stub.seen()).isEmpty();
  }

  @Test
  void aCallToAnAllowedAddressShouldGoThrough(Vertx vertx) {
    StubPartnerServer stub = StubPartnerServer.start(vertx);
    HttpClient http = vertx.createHttpClient();

    PartnerResult ok =
        call(
            vertx,
            http,
            new OutboundAddressPolicy(List.of("127.0.0.1/32")),
            stub.url("/ok?seg=allowed"));

    assertThat(ok.outcome()).isEqualTo(PartnerOutcome.OK);
    assertThat(ok.segments()).containsExactly("allowed");
    assertThat(stub.seen()).hasSize(1);
  }

  private static PartnerResult call(
      Vertx vertx, HttpClient http, OutboundAddressPolicy policy, String url) {
    HttpPartnerClient client =
        new HttpPartnerClient(
            vertx,
            http,
            new JsonPostRequestFactory(url),
            new PartnerAnswerParser(100, 600),
            65_536,
            policy);
    return client
        .call(new PartnerCall(9001, "u1", null, new JsonObject(), 1_000, "tid", null))
        .await();
  }
}
