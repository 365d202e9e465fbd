package io.rtdcs.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Both forms of every typed message (docs/event-bus.md): the binary form decodes to the same
 * message, the JSON form reads back to the same message and is the one the page documents, and a
 * record that arrives typed is held to the limits its JSON form is.
 */
class TypedFormsTest {

  @Test
  void everyMessageShouldSurviveItsBinaryForm() {
    assertBinary(Contract.RESOLVE_REQUEST, Samples.resolve(), ResolveRequest::toJson);
    assertBinary(Contract.VISITOR_FACTS, Samples.facts(), VisitorFacts::toJson);
    assertBinary(Contract.LOOKUP_REQUEST, Samples.lookup(), LookupRequest::toJson);
    assertBinary(Contract.LOOKUP_REPLY, Samples.lookupReply(), LookupReply::toJson);
    assertBinary(Contract.REALIZE_REQUEST, Samples.realize(), RealizeRequest::toJson);
    assertBinary(Contract.REALIZE_REPLY, Samples.realizeReply(), RealizeReply::toJson);
  }

  @Test
  void everyMessageShouldSurviveItsJsonForm() {
    assertThat(ResolveRequest.of(Samples.resolve().toJson())).isEqualTo(Samples.resolve());
    assertThat(VisitorFacts.of(Samples.facts().toJson())).isEqualTo(Samples.facts());
    assertThat(LookupRequest.of(Samples.lookup().toJson())).isEqualTo(Samples.lookup());
    assertThat(LookupReply.of(Samples.lookupReply().toJson()).toJson())
        .isEqualTo(Samples.lookupReply().toJson());
    assertThat(RealizeRequest.of(Samples.realize().toJson())).isEqualTo(Samples.realize());
    assertThat(RealizeReply.of(Samples.realizeReply().toJson()).toJson())
        .isEqualTo(Samples.realizeReply().toJson());
  }

  @Test
  void theJsonFormsShouldBeTheDocumentedOnes() {
    assertThat(Samples.resolve().toJson())
        .isEqualTo(
            new JsonObject(
                "{\"tid\": \"31ZpxW5bQGc=\", \"timeoutMs\": 95, \"uuid\": \""
                    + Samples.UUID
                    + "\", \"declaredIds\": [{\"dpid\": 20915, \"dpuuid\": \"AB-12\", \"auth\": 1,"
                    + " \"proven\": true}]}"));
    assertThat(Samples.facts().toJson())
        .isEqualTo(
            new JsonObject(
                "{\"uuid\": \""
                    + Samples.UUID
                    + "\", \"known\": true, \"optedOut\": false, \"syncedIds\": {\"9001\":"
                    + " \"partner-id-42\"}, \"partnerCache\": {\"9001\": {\"segments\":"
                    + " [\"auto-intender\"], \"expiresAt\": 1764400000000}}, \"identities\":"
                    + " [{\"dpid\": 20914, \"dpuuid\": \"alice\", \"auth\": 2}]}"));
    JsonObject lookup = Samples.lookup().toJson();
    assertThat(lookup.getJsonObject("signals").fieldNames()).containsExactly("c_category");
    assertThat(lookup.getJsonArray("cachedDpids").getList()).containsExactly(9002);
    assertThat(lookup.getJsonObject("consent").getInteger("gdpr")).isEqualTo(1);
    JsonObject outcome = Samples.lookupReply().toJson().getJsonArray("outcomes").getJsonObject(0);
    assertThat(outcome)
        .isEqualTo(
            new JsonObject(
                "{\"dpid\": 9001, \"outcome\": \"ok\", \"segments\": [\"auto-intender\","
                    + " \"shoes-buyer\"], \"ttlSeconds\": 600, \"latencyMs\": 12}"));
    assertThat(Samples.lookupReply().toJson().getInteger("partners")).isEqualTo(3);
    JsonObject realize = Samples.realize().toJson();
    assertThat(realize.getJsonObject("destinations"))
        .isEqualTo(new JsonObject("{\"url\": true, \"httpProto\": \"https\", \"nsid\": 0}"));
    assertThat(realize.getJsonObject("signals").getJsonArray("p_email_domain").getList())
        .containsExactly("example.com"); // private keys reach the rules, never the store
    assertThat(realize.containsKey("readIdentities")).isFalse();
    assertThat(Samples.realizeReply().toJson().fieldNames())
        .containsExactly(
            "uuid", "optedOut", "traits", "realized", "segments", "unknownSids", "stuff", "dests");
  }

  /**
   * The binary form, byte for byte (docs/event-bus.md): a change to it must change {@link
   * ContractCodec#VERSION} and this pin, since nodes of one cluster decode each other's bodies.
   */
  @Test
  void theBinaryFormShouldBeTheDocumentedOne() {
    ResolveRequest request =
        new ResolveRequest("t1", 95, "42", List.of(new DeclaredIdentity(20915, "AB", 1, true)));

    Buffer wire = Contract.RESOLVE_REQUEST.encode(request);

    // length 18, version 1, "t1", zigzag(95), "42", one declared ID: zigzag(20915), "AB", 1, true
    assertThat(hex(wire))
        .isEqualTo(
            "00000012"
                + "01"
                + "037431"
                + "be01"
                + "033432"
                + "01"
                + "e6c602"
                + "034142"
                + "01"
                + "01");
  }

  private static String hex(Buffer b) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < b.length(); i++) {
      out.append(String.format("%02x", b.getByte(i)));
    }
    return out.toString();
  }

  @Test
  void aLookupShouldNeverCarryAPrivateSignal() {
    assertThat(Samples.lookup().signals()).containsOnlyKeys("c_category");
    Buffer wire = Contract.LOOKUP_REQUEST.encode(Samples.lookup());
    assertThat(wire.toString()).doesNotContain("p_email").doesNotContain("a@example.com");
  }

  @Test
  void aTypedRecordShouldBeHeldToItsJsonFormsLimits() {
    RealizeRequest tooManySids =
        new RealizeRequest(
            "t",
            10,
            Samples.UUID,
            java.util.Map.of(),
            java.util.Collections.nCopies(201, 1),
            List.of(),
            List.of(),
            List.of(),
            false,
            "https",
            0,
            List.of(),
            false,
            false);
    assertThatThrownBy(() -> RealizeRequest.of(tooManySids))
        .isInstanceOf(RequestException.class)
        .hasMessage("sids: at most 200 entries");
    assertThatThrownBy(() -> RealizeRequest.of(tooManySids.toJson()))
        .hasMessage("sids: at most 200 entries");

    RealizeRequest noUuid = Samples.realize().forVisitor(null, List.of(), true);
    assertThatThrownBy(() -> RealizeRequest.of(noUuid)).hasMessage("uuid: is required");
    RealizeRequest badUuid = Samples.realize().forVisitor("12a", List.of(), true);
    assertThatThrownBy(() -> RealizeRequest.of(badUuid))
        .hasMessage("uuid: must be a decimal string of up to 38 digits");

    ResolveRequest fourPerDpid =
        new ResolveRequest(
            "t",
            10,
            null,
            List.of(
                new DeclaredIdentity(1, "a", 0, true),
                new DeclaredIdentity(1, "b", 0, true),
                new DeclaredIdentity(1, "c", 0, true),
                new DeclaredIdentity(1, "d", 0, true)));
    assertThatThrownBy(() -> ResolveRequest.of(fourPerDpid))
        .hasMessage("declaredIds[3].dpid: at most 3 declared IDs per dpid");
    assertThatThrownBy(() -> ResolveRequest.of(fourPerDpid.toJson()))
        .hasMessage("declaredIds[3].dpid: at most 3 declared IDs per dpid");

    LookupRequest late = Samples.lookup().withTimeoutMs(LookupRequest.MAX_TIMEOUT_MS + 1);
    assertThatThrownBy(() -> LookupRequest.of(late)).hasMessageStartingWith("timeoutMs:");
  }

  @Test
  void aJsonFormOfAWrongTypeShouldBeRefusedNamingTheField() {
    assertThatThrownBy(() -> RealizeRequest.of("text")).hasMessage("body: must be a JSON object");
    JsonObject realize = Samples.realize().toJson();
    assertThatThrownBy(
            () -> RealizeRequest.of(realize.copy().put("signals", new JsonObject().put("c", 1))))
        .hasMessage("signals.c: must be an array of strings");
    assertThatThrownBy(
            () ->
                RealizeRequest.of(
                    realize.copy().put("destinations", new JsonObject().put("httpProto", "ftp"))))
        .hasMessage("destinations.httpProto: must be http or https");
    assertThatThrownBy(() -> LookupRequest.of(new JsonObject().put("uuid", "1")))
        .hasMessage("timeoutMs: required");
  }

  @Test
  void aMalformedBinaryBodyShouldFailAsABadRequestWithoutAllocatingItsClaims() {
    Buffer wire = Contract.REALIZE_REQUEST.encode(Samples.realize());
    Buffer truncated =
        Buffer.buffer().appendInt(wire.length() - 14).appendBuffer(wire, 4, wire.length() - 14);
    assertThatThrownBy(() -> Contract.REALIZE_REQUEST.decode(truncated))
        .isInstanceOf(RequestException.class)
        .hasMessageStartingWith("wire: ");

    // a count of 2^31 strings in a body of a few bytes
    Buffer hostile =
        Buffer.buffer()
            .appendInt(7)
            .appendByte(ContractCodec.VERSION)
            .appendBytes(new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 7});
    assertThatThrownBy(() -> Contract.LOOKUP_REPLY.decode(hostile))
        .isInstanceOf(RequestException.class)
        .hasMessageStartingWith("wire: ");

    Buffer otherVersion = wire.copy();
    otherVersion.setByte(4, (byte) 9);
    assertThatThrownBy(() -> Contract.REALIZE_REQUEST.decode(otherVersion))
        .hasMessageContaining("unknown binary form version 9");

    Buffer longer = wire.copy().appendByte((byte) 0);
    longer.setInt(0, wire.length() - 3);
    assertThatThrownBy(() -> Contract.REALIZE_REQUEST.decode(longer))
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void theBinaryFormShouldBeSmallerThanTheJsonForm() {
    int binary = Contract.REALIZE_REQUEST.encode(Samples.realize()).length();
    int json = Samples.realize().toJson().toBuffer().length();
    assertThat(binary).isLessThan(json * 2 / 3);
  }

  private static <T> void assertBinary(
      ContractCodec<T> codec, T message, Function<T, JsonObject> json) {
    Buffer wire = codec.encode(message);
    T decoded = codec.decode(wire);
    assertThat(json.apply(decoded)).isEqualTo(json.apply(message));
    // at an offset inside a larger frame, as the clustered event bus hands it over
    Buffer framed = Buffer.buffer().appendString("header").appendBuffer(wire);
    assertThat(json.apply(codec.decodeFromWire(6, framed))).isEqualTo(json.apply(message));
    assertThat(codec.transform(message)).isSameAs(message);
  }
}
