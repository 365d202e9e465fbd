package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.Addresses;
import io.rtdcs.dcs.request.DeclaredIdProof;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AAM compatibility suite: each documented call shape through a real DcsVerticle on 127.0.0.1,
 * with contract stubs for the other verticles; asserts the exact answer and what the stubs were
 * sent. Placeholders: {@code <tid>} any 12-char tid, {@code <new>} a fresh 38-digit uuid (also set
 * in the cookie).
 */
class EventCompatibilityTest {
  static final String KNOWN = ContractStubs.KNOWN_UUID;
  static final String MAPPED = ContractStubs.MAPPED_UUID;
  static final String GIF = "<gif>";
  static final String STUFF = ContractStubs.STUFF.encode();
  static final String IBS = ContractStubs.IBS.encode();
  static final String DEST = ContractStubs.DEST.encode();

  static DcsServer server;

  /** The declared-ID secret of the data sources these calls sign (AAM has none: rtdcs's proof). */
  static final String SECRET = "compatibility-test-secret-0123456789abcdef";

  /** The page allowed to read answers through JSONP. */
  static final String SHOP = "https://shop.example";

  /** {@code &d_cid_sig=DPID%01HEX}: the site's server vouches for the declared ID. */
  static String sig(int dpid, String id) {
    return "&d_cid_sig=" + dpid + "%01" + DeclaredIdProof.sign(SECRET, id);
  }

  @BeforeAll
  static void start() {
    JsonObject secrets = new JsonObject();
    for (int dpid : new int[] {9001, 20914, 20915}) {
      secrets.put(Integer.toString(dpid), SECRET);
    }
    for (int dpid = 100; dpid < 112; dpid++) {
      secrets.put(Integer.toString(dpid), SECRET);
    }
    server =
        new DcsServer(
            new JsonObject()
                .put("declaredIds", new JsonObject().put("secrets", secrets))
                .put("jsonp", new JsonObject().put("origins", new JsonArray().add(SHOP))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void resetStubs() {
    server.stubs.reset();
  }

  /** One call shape and its exact expected answer. */
  record Case(
      String name,
      HttpMethod method,
      String uri,
      String body,
      Map<String, String> headers,
      int status,
      String contentType,
      String expected,
      String xError,
      String cookie,
      Consumer<ContractStubs> stubs) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case get(
      String name,
      String uri,
      int status,
      String type,
      String expected,
      String xError,
      String cookie,
      Consumer<ContractStubs> stubs) {
    return new Case(
        name, HttpMethod.GET, uri, null, Map.of(), status, type, expected, xError, cookie, stubs);
  }

  static String answer(String uuid, String extra) {
    return "{\"stuff\":["
        + STUFF
        + "],\"ibs\":["
        + IBS
        + "],\"uuid\":\""
        + uuid
        + "\",\"dcs_region\":7,\"tid\":\"<tid>\",\"traits\":[1001,2001],\"segments\":[5001]"
        + extra
        + "}";
  }

  static Consumer<ContractStubs> nothingSent() {
    return s -> assertThat(s.totalReceived()).as("requests sent to the stubs").isZero();
  }

  static Consumer<ContractStubs> fullFlow(boolean resolved) {
    return s -> {
      assertThat(s.received(Addresses.PROFILE_RESOLVE)).hasSize(resolved ? 1 : 0);
      assertThat(s.received(Addresses.PARTNER_LOOKUP)).hasSize(1);
      assertThat(s.received(Addresses.PROFILE_REALIZE)).hasSize(1);
    };
  }

  static String cids(int n, int dpid) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int d = dpid + (i < 4 ? 0 : i);
      sb.append("&d_cid=").append(d).append("%01id").append(i).append(sig(d, "id" + i));
    }
    return sb.toString();
  }

  static Stream<Case> cases() {
    String json = "application/json";
    String gif = "image/gif";
    String js = "application/javascript";
    return Stream.of(
        get(
            "pixel without d_rtbd",
            "/event?c_category=shoes",
            200,
            gif,
            GIF,
            null,
            "<new>",
            fullFlow(false)),
        get(
            "JSON with d_rtbd=json",
            "/event?d_rtbd=json&c_category=shoes",
            200,
            json,
            answer("<new>", ""),
            null,
            "<new>",
            fullFlow(false)
                .andThen(
                    s -> {
                      JsonObject lookup = s.received(Addresses.PARTNER_LOOKUP).get(0);
                      assertThat(lookup.getJsonObject("signals").getJsonArray("c_category"))
                          .containsExactly("shoes");
                      assertThat(lookup.getJsonArray("cachedDpids")).isEmpty();
                      JsonObject realize = s.received(Addresses.PROFILE_REALIZE).get(0);
                      assertThat(realize.getString("uuid")).isEqualTo(lookup.getString("uuid"));
                      assertThat(
                              realize.getJsonArray("partners").getJsonObject(0).getInteger("dpid"))
                          .isEqualTo(9001);
                      assertThat(realize.getJsonObject("destinations").getBoolean("url")).isFalse();
                    })),
        new Case(
            "JSONP with d_cb, from a page of dcs.jsonp.origins",
            HttpMethod.GET,
            "/event?d_rtbd=json&d_cb=window.aam.cb_1&c_category=shoes",
            null,
            Map.of("Referer", SHOP + "/product/42"),
            200,
            js,
            "window.aam.cb_1(" + answer("<new>", "") + ")",
            null,
            "<new>",
            fullFlow(false)),
        new Case(
            "POST form body",
            HttpMethod.POST,
            "/event?_ts=1700000000000",
            "d_rtbd=json&c_category=shoes&c_size=42,43",
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            200,
            json,
            answer("<new>", ""),
            null,
            "<new>",
            fullFlow(false)
                .andThen(
                    s ->
                        assertThat(
                                s.received(Addresses.PARTNER_LOOKUP)
                                    .get(0)
                                    .getJsonObject("signals")
                                    .getJsonArray("c_size"))
                            .containsExactly("42", "43"))),
        new Case(
            "visitor cookie is the uuid",
            HttpMethod.GET,
            "/event?d_rtbd=json",
            null,
            Map.of("Cookie", "demdex=" + KNOWN),
            200,
            json,
            answer(KNOWN, ""),
            null,
            KNOWN,
            fullFlow(true)),
        get(
            "valid d_uuid is the uuid",
            "/event?d_rtbd=json&d_uuid=" + KNOWN,
            200,
            json,
            answer(KNOWN, ""),
            null,
            KNOWN,
            fullFlow(true)),
        get(
            "invalid d_uuid is error 102 and a new uuid",
            "/event?d_rtbd=json&d_uuid=12ab",
            200,
            json,
            answer(
                "<new>",
                ",\"errors\":[{\"code\":102,\"msg\":\"d_uuid: expected 38 digits;"
                    + " value ignored\"}]"),
            "102",
            "<new>",
            fullFlow(false)
                .andThen(
                    s ->
                        assertThat(s.received(Addresses.PROFILE_REALIZE).get(0).getString("uuid"))
                            .isNotEqualTo("12ab"))),
        get(
            "declared id resolves the uuid",
            "/event?d_rtbd=json&d_cid=20915%01AB-12%011" + sig(20915, "AB-12"),
            200,
            json,
            answer(MAPPED, ""),
            null,
            MAPPED,
            fullFlow(true)
                .andThen(
                    s -> {
                      JsonArray declared =
                          new JsonArray(
                              "[{\"dpid\":20915,\"dpuuid\":\"AB-12\",\"auth\":1,\"proven\":true}]");
                      assertThat(
                              s.received(Addresses.PROFILE_RESOLVE)
                                  .get(0)
                                  .getJsonArray("declaredIds"))
                          .isEqualTo(declared);
                      assertThat(
                              s.received(Addresses.PROFILE_REALIZE)
                                  .get(0)
                                  .getJsonArray("declaredIds"))
                          .isEqualTo(declared);
                    })),
        get(
            "d_cid_ic with a global integration code",
            "/event?d_rtbd=json&d_cid_ic=DSID_20914%01" + "a1b2%010" + sig(20914, "a1b2"),
            200,
            json,
            answer(MAPPED, ""),
            null,
            MAPPED,
            s ->
                assertThat(s.received(Addresses.PROFILE_RESOLVE).get(0).getJsonArray("declaredIds"))
                    .isEqualTo(
                        new JsonArray(
                            "[{\"dpid\":20914,\"dpuuid\":\"a1b2\",\"auth\":0,\"proven\":true}]"))),
        get(
            "deprecated d_dpid and d_dpuuid",
            "/event?d_rtbd=json&d_dpid=9001&d_dpuuid=xyz" + sig(9001, "xyz"),
            200,
            json,
            answer(MAPPED, ""),
            null,
            MAPPED,
            s ->
                assertThat(s.received(Addresses.PROFILE_RESOLVE).get(0).getJsonArray("declaredIds"))
                    .isEqualTo(
                        new JsonArray(
                            "[{\"dpid\":9001,\"dpuuid\":\"xyz\",\"auth\":0,\"proven\":true}]"))),
        get(
            "invalid declared id is error 300",
            "/event?d_rtbd=json&d_cid=abc%01x",
            200,
            json,
            answer(
                "<new>",
                ",\"errors\":[{\"code\":300,\"msg\":\"d_cid: expected a data source"
                    + " id (positive integer) before %01\"}]"),
            "300",
            "<new>",
            fullFlow(false)),
        get(
            "over 3 per dpid is 310 and over 10 per call is 301",
            "/event?d_rtbd=json" + cids(12, 100),
            200,
            json,
            answer(
                MAPPED,
                ",\"errors\":[{\"code\":310,\"msg\":\"more than 3 declared IDs for"
                    + " dpid 100; extras dropped\"},{\"code\":301,\"msg\":\"more than 10 declared IDs"
                    + " in one call; extras dropped\"}]"),
            "310,301",
            MAPPED,
            s ->
                assertThat(s.received(Addresses.PROFILE_RESOLVE).get(0).getJsonArray("declaredIds"))
                    .hasSize(10)),
        get(
            "d_sid realizes traits; an unknown one is error 10",
            "/event?d_rtbd=json&d_sid=3001," + "9999",
            200,
            json,
            "{\"stuff\":["
                + STUFF
                + "],\"ibs\":["
                + IBS
                + "],\"uuid\":\"<new>\",\"dcs_region\":7,"
                + "\"tid\":\"<tid>\",\"traits\":[1001,2001,3001],\"segments\":[5001],\"errors\":"
                + "[{\"code\":10,\"msg\":\"d_sid: no trait with id 9999\"}]}",
            "10",
            "<new>",
            s ->
                assertThat(s.received(Addresses.PROFILE_REALIZE).get(0).getJsonArray("sids"))
                    .containsExactly(3001, 9999)),
        get(
            "d_dst=1 adds dests; d_jsonv=0 drops ibs",
            "/event?d_rtbd=json&d_dst=1&d_jsonv=0",
            200,
            json,
            "{\"stuff\":["
                + STUFF
                + "],\"dests\":["
                + DEST
                + "],\"uuid\":\"<new>\","
                + "\"dcs_region\":7,\"tid\":\"<tid>\",\"traits\":[1001,2001],\"segments\":[5001]}",
            null,
            "<new>",
            s ->
                assertThat(
                        s.received(Addresses.PROFILE_REALIZE)
                            .get(0)
                            .getJsonObject("destinations")
                            .getBoolean("url"))
                    .isTrue()),
        new Case(
            "h_ signals from headers",
            HttpMethod.GET,
            "/event?d_rtbd=json",
            null,
            Map.of(
                "User-Agent",
                "UA/1.0 (X, Y)",
                "Referer",
                "https://shop.example/p",
                "Accept-Language",
                "de-CH"),
            200,
            json,
            answer("<new>", ""),
            null,
            "<new>",
            s -> {
              JsonObject signals =
                  s.received(Addresses.PARTNER_LOOKUP).get(0).getJsonObject("signals");
              assertThat(signals.getJsonArray("h_user-agent")).containsExactly("UA/1.0 (X, Y)");
              assertThat(signals.getJsonArray("h_referer"))
                  .containsExactly("https://shop.example/p");
              assertThat(signals.getJsonArray("h_accept-language")).containsExactly("de-CH");
              assertThat(signals.getJsonArray("h_host"))
                  .containsExactly("127.0.0.1:" + server.port);
            }),
        get(
            "bad percent-encoding is 311 and nothing is processed",
            "/event?d_rtbd=json&c_category=%zzshoes",
            200,
            json,
            "{\"dcs_region\":7,\"tid\":\"<tid>\",\"errors\":[{\"code\":311,\"msg\":\"bad"
                + " percent-encoding (invalid percent escape); request ignored\"}]}",
            "311",
            null,
            nothingSent()),
        get(
            "invalid UTF-8 is 311",
            "/event?c_x=%C3%28",
            200,
            json,
            "{\"dcs_region\":7,\"tid\":\"<tid>\",\"errors\":[{\"code\":311,\"msg\":\"bad"
                + " percent-encoding (percent escapes are not valid UTF-8); request ignored\"}]}",
            "311",
            null,
            nothingSent()),
        get(
            "URI over 8 KB is 414",
            "/event?c_x=" + "a".repeat(8200),
            414,
            json,
            "{\"dcs_region\":7,\"tid\":\"<tid>\",\"errors\":[{\"code\":0,\"msg\":\"request URI"
                + " longer than 8192 bytes\"}]}",
            "0",
            null,
            nothingSent()),
        new Case(
            "body over 32 KB is 413",
            HttpMethod.POST,
            "/event",
            "d_rtbd=json&c_x=" + "a".repeat(33_000),
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            413,
            json,
            "{\"dcs_region\":7,\"tid\":\"<tid>\",\"errors\":[{\"code\":0,\"msg\":\"request body"
                + " longer than 32768 bytes\"}]}",
            "0",
            null,
            nothingSent()),
        get(
            "more keys than maxKeys rejects the call",
            "/event?d_rtbd=json" + keys(200),
            200,
            json,
            "{\"dcs_region\":7,\"tid\":\"<tid>\",\"errors\":[{\"code\":0,\"msg\":\"too many keys:"
                + " 201 pairs, at most 200\"}]}",
            "0",
            null,
            nothingSent()),
        get(
            "unsafe JSONP callback is rejected",
            "/event?d_rtbd=json&d_cb=alert(1)//",
            200,
            json,
            "{\"dcs_region\":7,\"tid\":\"<tid>\",\"errors\":[{\"code\":0,\"msg\":\"d_cb: not a"
                + " safe JavaScript identifier path; no JSONP answer\"}]}",
            "0",
            null,
            nothingSent()),
        get(
            "invalid key name is dropped with an error",
            "/event?d_rtbd=json&c_a!b=1&123=2",
            200,
            json,
            answer(
                "<new>",
                ",\"errors\":[{\"code\":0,\"msg\":\"ignored a key with an invalid"
                    + " name: c_a!b\"},{\"code\":0,\"msg\":\"ignored a key with an invalid name:"
                    + " 123\"}]"),
            "0",
            "<new>",
            s ->
                assertThat(
                        s.received(Addresses.PARTNER_LOOKUP)
                            .get(0)
                            .getJsonObject("signals")
                            .fieldNames())
                    .doesNotContain("c_a!b", "123")),
        new Case(
            "ibs with an allowed redir redirects with the uuid",
            HttpMethod.GET,
            "/ibs:dpid=9001&dpuuid=p-1&redir=https%3A%2F%2Fsync.partner.example%2Fok%3Fu%3D"
                + "%24%7BDD_UUID%7D",
            null,
            Map.of("Cookie", "demdex=" + KNOWN),
            302,
            null,
            "https://sync.partner.example/ok?u=" + KNOWN,
            null,
            KNOWN,
            s ->
                assertThat(s.received(Addresses.ID_SYNC).get(0).getString("dpuuid"))
                    .isEqualTo("p-1")),
        new Case(
            "ibs with a refused redir answers a pixel and X-Error",
            HttpMethod.GET,
            "/ibs:dpid=9001&dpuuid=p-1&redir=https%3A%2F%2Fevil.example%2F",
            null,
            Map.of("Cookie", "demdex=" + KNOWN),
            200,
            gif,
            GIF,
            "0",
            KNOWN,
            s -> assertThat(s.received(Addresses.ID_SYNC)).hasSize(1)),
        get(
            "ibs without redir answers a pixel and sets a new cookie",
            "/ibs?dpid=9001&dpuuid=p-2",
            200,
            gif,
            GIF,
            null,
            "<new>",
            s -> assertThat(s.received(Addresses.ID_SYNC)).hasSize(1)),
        get(
            "ibs without dpid is error 300",
            "/ibs:dpuuid=p-3",
            200,
            gif,
            GIF,
            "300",
            null,
            nothingSent()),
        get(
            "opt-out by d_uuid answers a pixel",
            "/demoptout.jpg?d_uuid=" + KNOWN,
            200,
            gif,
            GIF,
            null,
            null,
            s ->
                assertThat(s.received(Addresses.PROFILE_OPTOUT).get(0).getString("uuid"))
                    .isEqualTo(KNOWN)));
  }

  static String keys(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("&c_k").append(i).append("=v");
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void callShapeShouldAnswerAsDocumented(Case c) {
    HttpRequest<Buffer> request = server.client.request(c.method(), c.uri());
    c.headers().forEach(request::putHeader);
    HttpResponse<Buffer> response =
        (c.body() == null ? request.send() : request.sendBuffer(Buffer.buffer(c.body()))).await();

    assertThat(response.statusCode()).isEqualTo(c.status());
    assertThat(response.getHeader("Content-Type")).isEqualTo(c.contentType());
    assertThat(response.getHeader("X-Error")).isEqualTo(c.xError());
    String cookie = visitorCookie(response);
    String uuid = null;
    if (c.cookie() == null) {
      assertThat(cookie).isNull();
    } else {
      assertThat(cookie)
          .contains("; Max-Age=15552000")
          .contains("; Path=/")
          .contains("; Secure")
          .contains("; SameSite=None")
          .doesNotContain("HttpOnly");
      uuid = cookie.substring("demdex=".length(), cookie.indexOf(';'));
      assertThat(uuid).matches("[1-9][0-9]{37}");
      if (!c.cookie().equals("<new>")) {
        assertThat(uuid).isEqualTo(c.cookie());
      }
    }
    if (c.status() == 302) {
      assertThat(response.getHeader("Location")).isEqualTo(c.expected());
    } else if (c.expected().equals(GIF)) {
      assertThat(response.body().length()).isEqualTo(43);
      assertThat(response.body().getString(0, 6)).isEqualTo("GIF89a");
    } else {
      String text = response.bodyAsString();
      String expected = c.expected();
      if (c.contentType().equals("application/javascript")) {
        String cb = expected.substring(0, expected.indexOf('('));
        assertThat(text).startsWith("/**/" + cb + "(").endsWith(");");
        text = text.substring(text.indexOf('(') + 1, text.length() - 2);
        expected = expected.substring(expected.indexOf('(') + 1, expected.length() - 1);
      }
      JsonObject actual = new JsonObject(text);
      assertThat(actual.getString("tid")).matches("[A-Za-z0-9+/]{12}");
      actual.put("tid", "<tid>");
      if (uuid != null && expected.contains("<new>")) {
        assertThat(actual.getString("uuid")).isEqualTo(uuid);
        expected = expected.replace("<new>", uuid);
      }
      assertThat(actual).isEqualTo(new JsonObject(expected));
    }
    c.stubs().accept(server.stubs);
  }

  static String visitorCookie(HttpResponse<Buffer> response) {
    List<String> cookies = response.cookies();
    return cookies.stream().filter(s -> s.startsWith("demdex=")).findFirst().orElse(null);
  }
}
