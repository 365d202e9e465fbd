package io.rtdcs.store;

/** Rows of a map whose keys are text as they are: visitor uuids, ID-link keys, marker names. */
public abstract class StringKeyedRows<V> implements RowCodec<String, V> {
  @Override
  public final String keyText(String key) {
    return key;
  }

  @Override
  public final String keyOf(String text) {
    return text;
  }
}
