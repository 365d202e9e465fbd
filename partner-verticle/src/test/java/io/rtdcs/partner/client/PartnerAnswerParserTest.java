package io.rtdcs.partner.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PartnerAnswerParserTest {
  private final PartnerAnswerParser parser = new PartnerAnswerParser(3, 600);

  private PartnerResult parse(int status, String body) {
    return parser.parseHttp(status, body == null ? null : Buffer.buffer(body));
  }

  @Test
  void validAnswerShouldBeOkWithSegmentsDeduplicatedAndTheAnswerTtl() {
    PartnerResult r = parse(200, "{\"segments\":[\"a\",\"b\",\"a\"],\"ttl\":30,\"extra\":true}");

    assertThat(r.outcome()).isEqualTo(PartnerOutcome.OK);
    assertThat(r.segments()).containsExactly("a", "b");
    assertThat(r.ttlSeconds()).isEqualTo(30);
  }

  @Test
  void answerWithoutTtlShouldUseTheDefinitionDefault() {
    assertThat(parse(200, "{\"segments\":[\"a\"]}").ttlSeconds()).isEqualTo(600);
  }

  @Test
  void status204AndAnEmptyListShouldBeNoData() {
    assertThat(parse(204, null).outcome()).isEqualTo(PartnerOutcome.NO_DATA);
    assertThat(parse(200, "{\"segments\":[]}").outcome()).isEqualTo(PartnerOutcome.NO_DATA);
  }

  @Test
  void everyMalformedAnswerShouldBeAnErrorNamingWhatWasWrong() {
    assertThat(parse(500, "x").detail()).isEqualTo("status 500");
    assertThat(parse(200, "").detail()).isEqualTo("empty body");
    assertThat(parse(200, "{nope").detail()).isEqualTo("invalid JSON");
    assertThat(parse(200, "[\"a\"]").detail()).isEqualTo("body is not a JSON object");
    assertThat(parse(200, "{}").detail()).isEqualTo("segments: must be an array of strings");
    assertThat(parse(200, "{\"segments\":\"a\"}").detail())
        .isEqualTo("segments: must be an array of strings");
    assertThat(parse(200, "{\"segments\":[\"a\",\"b\",\"c\",\"d\"]}").detail())
        .isEqualTo("segments: more than 3");
    assertThat(parse(200, "{\"segments\":[7]}").detail())
        .isEqualTo("segments[0]: must be a string");
    assertThat(parse(200, "{\"segments\":[\"" + "x".repeat(129) + "\"]}").detail())
        .isEqualTo("segments[0]: must be 1 to 128 characters");
    assertThat(parse(200, "{\"segments\":[\"a\\u0000\"]}").detail())
        .isEqualTo("segments[0]: must not contain control characters");
    assertThat(parse(200, "{\"segments\":[\"a\"],\"ttl\":\"1\"}").detail())
        .isEqualTo("ttl: must be an integer");
    assertThat(parse(200, "{\"segments\":[\"a\"],\"ttl\":-1}").outcome())
        .isEqualTo(PartnerOutcome.ERROR);
  }

  @Test
  void eventBusReplyThatIsNotAnObjectShouldBeAnError() {
    assertThat(parser.parseJson("text").outcome()).isEqualTo(PartnerOutcome.ERROR);
    assertThat(
            parser.parseJson(new JsonObject().put("segments", new JsonArray().add("s"))).outcome())
        .isEqualTo(PartnerOutcome.OK);
  }
}
