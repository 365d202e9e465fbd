package io.rtdcs.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a contract message's binary form: unsigned LEB128 varints, strings as a varint of length
 * plus one (0 for null) followed by UTF-8, collections as a varint count then their elements. Read
 * back by {@link WireReader}.
 */
public final class WireWriter {
  private final Buffer buffer;

  public WireWriter(Buffer buffer) {
    this.buffer = buffer;
  }

  public WireWriter varInt(int value) {
    return varLong(value & 0xFFFFFFFFL);
  }

  /** A signed int (zigzag): -1 takes one byte. */
  public WireWriter signedInt(int value) {
    return varInt((value << 1) ^ (value >> 31));
  }

  public WireWriter varLong(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      buffer.appendByte((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    buffer.appendByte((byte) v);
    return this;
  }

  /** A signed long (zigzag). */
  public WireWriter signedLong(long value) {
    return varLong((value << 1) ^ (value >> 63));
  }

  public WireWriter bool(boolean value) {
    buffer.appendByte(value ? (byte) 1 : (byte) 0);
    return this;
  }

  public WireWriter string(String value) {
    if (value == null) {
      return varInt(0);
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    varInt(bytes.length + 1);
    buffer.appendBytes(bytes);
    return this;
  }

  public WireWriter strings(List<String> values) {
    varInt(values.size());
    for (String v : values) {
      string(v);
    }
    return this;
  }

  public WireWriter ints(List<Integer> values) {
    varInt(values.size());
    for (int v : values) {
      signedInt(v);
    }
    return this;
  }

  public WireWriter ints(int[] values) {
    varInt(values.length);
    for (int v : values) {
      signedInt(v);
    }
    return this;
  }

  /** Signals: key -> values. */
  public WireWriter signals(Map<String, List<String>> signals) {
    varInt(signals.size());
    for (Map.Entry<String, List<String>> e : signals.entrySet()) {
      string(e.getKey());
      strings(e.getValue());
    }
    return this;
  }

  /** dpid -> string. */
  public WireWriter dpidStrings(Map<Integer, String> map) {
    varInt(map.size());
    for (Map.Entry<Integer, String> e : map.entrySet()) {
      signedInt(e.getKey());
      string(e.getValue());
    }
    return this;
  }

  /**
   * A piece of the caller's answer that is JSON by nature (a consent object, rendered destinations,
   * ID syncs in Audience Manager's shape): its JSON text, or null.
   */
  public WireWriter json(Object value) {
    if (value == null) {
      return string(null);
    }
    if (value instanceof JsonObject o) {
      return string(o.encode());
    }
    return string(((JsonArray) value).encode());
  }

  public WireWriter declaredIds(List<DeclaredIdentity> ids) {
    varInt(ids.size());
    for (DeclaredIdentity d : ids) {
      d.writeTo(this);
    }
    return this;
  }
}
