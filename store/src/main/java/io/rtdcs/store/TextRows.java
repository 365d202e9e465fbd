package io.rtdcs.store;

import java.nio.charset.StandardCharsets;

/** Rows of a map whose keys and values are text; values are stored as UTF-8 (JSON, markers). */
public class TextRows extends StringKeyedRows<String> {
  static final TextRows INSTANCE = new TextRows();

  protected TextRows() {}

  @Override
  public final byte[] encode(String value) {
    return utf8(value);
  }

  @Override
  public final String decode(byte[] bytes) {
    return text(bytes);
  }

  static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
