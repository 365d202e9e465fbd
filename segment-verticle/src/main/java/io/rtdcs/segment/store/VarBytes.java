package io.rtdcs.segment.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Variable-length integers (LEB128, zig-zag for signed deltas) and short strings packed into one
 * byte array: the compact inner encoding of the bulky parts of a profile.
 */
final class VarBytes {

  /** Appends values to a growing buffer. */
  static final class Writer {
    private byte[] buf = new byte[64];
    private int len;

    Writer unsigned(long value) {
      long v = value;
      while ((v & ~0x7FL) != 0) {
        put((byte) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      put((byte) v);
      return this;
    }

    Writer signed(long value) {
      return unsigned((value << 1) ^ (value >> 63));
    }

    Writer string(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      unsigned(bytes.length);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, len, bytes.length);
      len += bytes.length;
      return this;
    }

    /** A length-prefixed byte array (null = empty). */
    Writer bytes(byte[] bytes) {
      byte[] b = bytes == null ? new byte[0] : bytes;
      unsigned(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
      return this;
    }

    int length() {
      return len;
    }

    byte[] toBytes() {
      return Arrays.copyOf(buf, len);
    }

    private void put(byte b) {
      ensure(1);
      buf[len++] = b;
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }
  }

  /** Reads what a {@link Writer} wrote, in the same order. */
  static final class Reader {
    private final byte[] buf;
    private int pos;

    Reader(byte[] buf) {
      this.buf = buf == null ? new byte[0] : buf;
    }

    boolean hasMore() {
      return pos < buf.length;
    }

    long unsigned() {
      long result = 0;
      int shift = 0;
      while (true) {
        if (pos >= buf.length || shift > 63) {
          throw new IllegalStateException("truncated varint at " + pos);
        }
        byte b = buf[pos++];
        result |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
        shift += 7;
      }
    }

    int unsignedInt() {
      return (int) unsigned();
    }

    long signed() {
      long v = unsigned();
      return (v >>> 1) ^ -(v & 1);
    }

    byte[] bytes() {
      int n = unsignedInt();
      if (n < 0 || pos + n > buf.length) {
        throw new IllegalStateException("truncated bytes at " + pos);
      }
      byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return out;
    }

    String string() {
      int n = unsignedInt();
      if (n < 0 || pos + n > buf.length) {
        throw new IllegalStateException("truncated string at " + pos);
      }
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }
  }

  private VarBytes() {}
}
