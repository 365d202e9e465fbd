package io.rtdcs.store;

/**
 * How one map's entries become rows ({@code k, v, ref}) and back. Implementations are stateless and
 * thread-safe; {@link #decode} throws {@link IllegalArgumentException} on bytes it cannot read.
 */
public interface RowCodec<K, V> {
  String keyText(K key);

  K keyOf(String text);

  byte[] encode(V value);

  V decode(byte[] bytes);

  /** What erasure looks rows of this map up by (a visitor's uuid), or null. */
  default String ref(K key, V value) {
    return null;
  }

  /** Rows of maps whose keys are text and whose values are UTF-8 text (JSON, markers). */
  static RowCodec<String, String> text() {
    return TextRows.INSTANCE;
  }

  /** Rows of maps whose keys are ids and whose values are UTF-8 text (definitions as JSON). */
  static RowCodec<Integer, String> idToText() {
    return TextCodecs.INT_KEYS;
  }
}
