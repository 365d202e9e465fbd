package io.rtdcs.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link WireWriter} wrote, within {@code [pos, end)}. A truncated or malformed body, or
 * a count larger than the bytes left could hold, throws a 400 {@link RequestException} naming the
 * wire form: it never allocates more than the body's own size.
 */
public final class WireReader {
  private final Buffer buffer;
  private final int end;
  private int pos;

  public WireReader(Buffer buffer, int pos, int end) {
    if (pos < 0 || end > buffer.length() || pos > end) {
      throw malformed("body bounds");
    }
    this.buffer = buffer;
    this.pos = pos;
    this.end = end;
  }

  public int varInt() {
    long v = varLong();
    if (v > 0xFFFFFFFFL) {
      throw malformed("varint");
    }
    return (int) v;
  }

  public int signedInt() {
    int v = varInt();
    return (v >>> 1) ^ -(v & 1);
  }

  public long varLong() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw malformed("truncated");
      }
      byte b = buffer.getByte(pos++);
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw malformed("varint");
  }

  public long signedLong() {
    long v = varLong();
    return (v >>> 1) ^ -(v & 1);
  }

  public boolean bool() {
    if (pos >= end) {
      throw malformed("truncated");
    }
    return buffer.getByte(pos++) != 0;
  }

  public String string() {
    int n = varInt();
    if (n == 0) {
      return null;
    }
    int length = n - 1;
    if (length < 0 || length > end - pos) {
      throw malformed("string length");
    }
    String s = buffer.getString(pos, pos + length, StandardCharsets.UTF_8.name());
    pos += length;
    return s;
  }

  /** A count of elements that take at least one byte each. */
  public int count() {
    int n = varInt();
    if (n < 0 || n > end - pos) {
      throw malformed("count");
    }
    return n;
  }

  public List<String> strings() {
    int n = count();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(string());
    }
    return Collections.unmodifiableList(out);
  }

  public List<Integer> ints() {
    int n = count();
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(signedInt());
    }
    return Collections.unmodifiableList(out);
  }

  public int[] intArray() {
    int n = count();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = signedInt();
    }
    return out;
  }

  public Map<String, List<String>> signals() {
    int n = count();
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(string(), strings());
    }
    return Collections.unmodifiableMap(out);
  }

  public Map<Integer, String> dpidStrings() {
    int n = count();
    Map<Integer, String> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(signedInt(), string());
    }
    return Collections.unmodifiableMap(out);
  }

  public JsonObject jsonObject() {
    String s = string();
    return s == null ? null : new JsonObject(s);
  }

  public JsonArray jsonArray() {
    String s = string();
    return s == null ? null : new JsonArray(s);
  }

  public List<DeclaredIdentity> declaredIds() {
    int n = count();
    List<DeclaredIdentity> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(DeclaredIdentity.readFrom(this));
    }
    return Collections.unmodifiableList(out);
  }

  /** Fails unless every byte of the body was read. */
  public void end() {
    if (pos != end) {
      throw malformed("trailing bytes");
    }
  }

  private static RequestException malformed(String what) {
    return RequestException.badRequest("wire", "malformed binary body (" + what + ")");
  }
}
