package io.rtdcs.node;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generates malformed and hostile raw HTTP/1.1 requests. Each names a fresh visitor ({@code
 * d_uuid}, or a cookie) so a test can check that a rejected request stored nothing for it.
 */
final class HostileRequests {
  /** One generated request: its kind, the raw bytes, the visitor uuid it names. */
  record Hostile(String kind, byte[] bytes, String uuid) {}

  static final List<String> KINDS =
      List.of(
          "random query bytes",
          "bad percent-encoding",
          "invalid UTF-8",
          "oversized request line",
          "oversized header",
          "many headers",
          "oversized body",
          "oversized content-length",
          "thousands of keys",
          "thousands of keys in a body",
          "JSONP script callback",
          "d_cid flood",
          "huge cookie",
          "broken request line",
          "broken chunked body",
          "hostile admin and other paths");

  private static final String[] SCRIPT_CALLBACKS = {
    "alert(1)",
    "</script><script>alert(1)</script>",
    "a;alert(1)",
    "a.b.c(document.cookie)",
    "x'+alert(1)+'",
    "\u2028a",
    "a".repeat(300),
    "constructor.constructor('alert(1)')()",
    "a..b",
    ".a",
    "1a",
    "a-b",
    "javascript:alert(1)"
  };

  private static final String[] BAD_PERCENT = {
    "%", "%4", "%zz", "%g0", "%%", "%0", "a%2", "%-1", "%+1", "%0x41", "%%41"
  };

  private static final String[] BAD_UTF8 = {
    "%C3%28",
    "%A0%A1",
    "%E2%28%A1",
    "%E2%82%28",
    "%F0%28%8C%BC",
    "%F8%A1%A1%A1%A1",
    "%FF",
    "%FE",
    "%C0%AF",
    "%E0%80%AF",
    "%ED%A0%80",
    "%ED%BF%BF",
    "%F4%90%80%80",
    "%C3"
  };

  private final Random random;

  HostileRequests(long seed) {
    this.random = new Random(seed);
  }

  /** A valid, fresh 38-digit uuid (first digit not 0). */
  String uuid() {
    StringBuilder sb = new StringBuilder(38);
    sb.append((char) ('1' + random.nextInt(9)));
    for (int i = 1; i < 38; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }

  Hostile next(int i) {
    String kind = KINDS.get(i % KINDS.size());
    String uuid = uuid();
    String base = "d_rtbd=json&d_sid=3001&d_uuid=" + uuid;
    return switch (kind) {
      case "random query bytes" ->
          new Hostile(kind, get("/event?" + base + "&", randomBytes()), uuid);
      case "bad percent-encoding" ->
          new Hostile(
              kind, get("/event?" + base + "&c_x=" + pick(BAD_PERCENT) + "&c_y=1", null), uuid);
      case "invalid UTF-8" ->
          new Hostile(
              kind,
              get(
                  "/event?"
                      + base
                      + (random.nextBoolean()
                          ? "&c_x=" + pick(BAD_UTF8)
                          : "&" + pick(BAD_UTF8) + "=1"),
                  null),
              uuid);
      case "oversized request line" ->
          new Hostile(
              kind,
              get("/event?" + base + "&c_long=" + "a".repeat(8_000 + random.nextInt(40_000)), null),
              uuid);
      case "oversized header" ->
          new Hostile(
              kind,
              request(
                  "GET",
                  "/event?" + base,
                  "X-Big: " + "b".repeat(8_000 + random.nextInt(30_000)) + "\r\n",
                  null),
              uuid);
      case "many headers" -> {
        StringBuilder h = new StringBuilder();
        int n = 100 + random.nextInt(2_000);
        for (int k = 0; k < n; k++) {
          h.append("X-H").append(k).append(": v").append(k).append("\r\n");
        }
        yield new Hostile(kind, request("GET", "/event?" + base, h.toString(), null), uuid);
      }
      case "oversized body" -> {
        byte[] body = ("c_big=" + "c".repeat(33_000 + random.nextInt(30_000))).getBytes();
        yield new Hostile(
            kind,
            request(
                "POST",
                "/event?" + base,
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + body.length
                    + "\r\n",
                body),
            uuid);
      }
      case "oversized content-length" ->
          new Hostile(
              kind,
              request(
                  "POST",
                  "/event?" + base,
                  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                      + pick(
                          new String[] {"99999999999", "2147483648", "-1", "1e9", " 12 34", "0x10"})
                      + "\r\n",
                  "c_a=1".getBytes()),
              uuid);
      case "thousands of keys" -> {
        StringBuilder q = new StringBuilder("/event?" + base);
        int n = 201 + random.nextInt(1_500);
        for (int k = 0; k < n; k++) {
          q.append("&k").append(k).append('=').append(k % 10);
        }
        yield new Hostile(kind, get(q.toString(), null), uuid);
      }
      case "thousands of keys in a body" -> {
        StringBuilder b = new StringBuilder("d_rtbd=json&d_uuid=" + uuid);
        int n = 201 + random.nextInt(3_000);
        for (int k = 0; k < n; k++) {
          b.append("&c").append(k).append("=1");
        }
        byte[] body = b.toString().getBytes();
        yield new Hostile(
            kind,
            request(
                "POST",
                "/event",
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + body.length
                    + "\r\n",
                body),
            uuid);
      }
      case "JSONP script callback" ->
          new Hostile(
              kind,
              get(
                  "/event?"
                      + base
                      + "&d_cb="
                      + java.net.URLEncoder.encode(pick(SCRIPT_CALLBACKS), StandardCharsets.UTF_8),
                  null),
              uuid);
      case "d_cid flood" -> {
        StringBuilder q = new StringBuilder("/event?" + base);
        int n = 201 + random.nextInt(600);
        for (int k = 0; k < n; k++) {
          q.append("&d_cid=").append(20915 + k % 7).append("%01DEV").append(k);
        }
        yield new Hostile(kind, get(q.toString(), null), uuid);
      }
      case "huge cookie" ->
          new Hostile(
              kind,
              request(
                  "GET",
                  "/event?d_rtbd=json&d_sid=3001",
                  "Cookie: demdex="
                      + uuid
                      + "; junk="
                      + "j".repeat(8_000 + random.nextInt(40_000))
                      + "\r\n",
                  null),
              uuid);
      case "broken request line" ->
          new Hostile(
              kind,
              (pick(
                          new String[] {
                            "GET /event?" + base + " HTTP/9.9\r\n",
                            "BREW /event?" + base + " HTTP/1.1\r\n",
                            "GET /event?" + base + "\r\n",
                            "GET  /event?" + base + "  HTTP/1.1\r\n",
                            "GET http://evil.example/event?" + base + " HTTP/1.1\r\n",
                            "GET /event?" + base + "\u0000 HTTP/1.1\r\n",
                            "\r\n\r\nGET /event?" + base + " HTTP/1.1\r\n",
                            "GET /event?" + base + " HTTP/1.1\nHost: x\n"
                          })
                      + "Host: 127.0.0.1\r\nX-Bad\u0000Name: v\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1),
              uuid);
      case "broken chunked body" ->
          new Hostile(
              kind,
              request(
                  "POST",
                  "/event?" + base,
                  "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
                      + (random.nextBoolean() ? "Content-Length: 5\r\n" : ""),
                  pick(new String[] {
                        "zz\r\nc_a=1\r\n0\r\n\r\n",
                        "FFFFFFFFFFFFFFFF\r\nc_a=1\r\n",
                        "5\r\nc_a=1",
                        "-5\r\nc_a=1\r\n0\r\n\r\n",
                        "5;ext=" + "e".repeat(20_000) + "\r\nc_a=1\r\n0\r\n\r\n"
                      })
                      .getBytes(StandardCharsets.ISO_8859_1)),
              uuid);
      default ->
          new Hostile(
              kind,
              request(
                  pick(new String[] {"GET", "PUT", "DELETE", "POST"}),
                  pick(
                      new String[] {
                        "/profiles/" + uuid,
                        "/profiles/../../etc/passwd",
                        "/admin/partners/%00",
                        "/ibs:dpid=1&dpuuid=" + "x".repeat(2_000) + "?d_uuid=" + uuid,
                        "/ibs?d_uuid=" + uuid + "&redir=javascript:alert(1)",
                        "/event/../profiles/" + uuid,
                        "/%2e%2e/%2e%2e/",
                        "/demoptout.jpg?d_uuid=" + uuid + "&d_cb=%ZZ"
                      }),
                  "Authorization: Bearer "
                      + pick(new String[] {"", "x", "test-admin-token-012345678", "\u00ff\u00fe"})
                      + "\r\nContent-Type: application/json\r\nContent-Length: 12\r\n",
                  "{\"traits\":[1".getBytes()),
              uuid);
    };
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  /** Bytes for a query: random, except CR, LF and space (those end the request line). */
  private byte[] randomBytes() {
    byte[] b = new byte[1 + random.nextInt(400)];
    for (int k = 0; k < b.length; k++) {
      byte v;
      do {
        v = (byte) random.nextInt(256);
      } while (v == '\r' || v == '\n' || v == ' ');
      b[k] = v;
    }
    return b;
  }

  private static byte[] get(String target, byte[] tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("GET ".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(target.getBytes(StandardCharsets.ISO_8859_1));
    if (tail != null) {
      out.writeBytes(tail);
    }
    out.writeBytes(
        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  private static byte[] request(String method, String target, String headers, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers)
            .getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }
}
