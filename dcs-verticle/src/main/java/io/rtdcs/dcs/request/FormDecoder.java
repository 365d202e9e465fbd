package io.rtdcs.dcs.request;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding: {@code &}-separated pairs, {@code +}
 * as space, {@code %XX} escapes that must form valid UTF-8. Anything else is a {@link
 * BadEncodingException} (AAM error 311), never a silent guess.
 */
public final class FormDecoder {

  /** One undecoded {@code key=value} pair as it came on the wire. */
  public record RawPair(String key, String value) {}

  /** Splits on {@code &}; empty segments are skipped; a pair without {@code =} has value "". */
  public static List<RawPair> split(String raw) {
    List<RawPair> pairs = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      return pairs;
    }
    int start = 0;
    int len = raw.length();
    while (start <= len) {
      int amp = raw.indexOf('&', start);
      int end = amp < 0 ? len : amp;
      if (end > start) {
        int eq = raw.indexOf('=', start);
        if (eq < 0 || eq > end) {
          pairs.add(new RawPair(raw.substring(start, end), ""));
        } else {
          pairs.add(new RawPair(raw.substring(start, eq), raw.substring(eq + 1, end)));
        }
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return pairs;
  }

  /**
   * The decoded value of the first {@code key=} pair of {@code raw}, without splitting the rest;
   * null when there is none.
   */
  public static String first(String raw, String key) throws BadEncodingException {
    if (raw == null) {
      return null;
    }
    int start = 0;
    int len = raw.length();
    while (start < len) {
      int amp = raw.indexOf('&', start);
      int end = amp < 0 ? len : amp;
      int eq = start + key.length();
      if (eq < end && raw.charAt(eq) == '=' && raw.startsWith(key, start)) {
        return decode(raw.substring(eq + 1, end));
      }
      if (amp < 0) {
        return null;
      }
      start = amp + 1;
    }
    return null;
  }

  /** Decodes one component. */
  public static String decode(String s) throws BadEncodingException {
    int n = s.length();
    boolean plain = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '%' || c == '+' || c > 0x7f) {
        plain = false;
        break;
      }
    }
    if (plain) {
      return s;
    }
    ByteBuffer bytes = ByteBuffer.allocate(n * 4);
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.put((byte) ' ');
      } else if (c == '%') {
        if (i + 2 >= n) {
          throw new BadEncodingException("truncated percent escape");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new BadEncodingException("invalid percent escape");
        }
        int b = (hi << 4) | lo;
        ascii &= b < 0x80;
        bytes.put((byte) b);
        i += 2;
      } else if (c <= 0xff) {
        // one wire byte per char (the HTTP layer reads the request line as ISO-8859-1)
        ascii &= c < 0x80;
        bytes.put((byte) c);
      } else {
        // a Java caller's non-Latin-1 character: keep it as its UTF-8 bytes
        ascii = false;
        int cp = Character.codePointAt(s, i);
        if (Character.isSurrogate(c) && Character.charCount(cp) == 1) {
          throw new BadEncodingException("unpaired surrogate");
        }
        bytes.put(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp) - 1;
      }
    }
    bytes.flip();
    if (ascii) {
      return new String(bytes.array(), 0, bytes.limit(), StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(bytes);
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new BadEncodingException("percent escapes are not valid UTF-8");
    }
  }

  /** Decodes every pair (no comma splitting): key -> values in arrival order. */
  public static Map<String, List<String>> decodeAll(String raw) throws BadEncodingException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (RawPair p : split(raw)) {
      out.computeIfAbsent(decode(p.key()), k -> new ArrayList<>(1)).add(decode(p.value()));
    }
    return out;
  }

  private FormDecoder() {}
}
