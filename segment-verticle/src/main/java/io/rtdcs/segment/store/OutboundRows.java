package io.rtdcs.segment.store;

import io.rtdcs.store.RowCodec;
import java.nio.charset.StandardCharsets;

/** A queued push ({@code destinationId|uuid} -> JSON) as a row; its {@code ref} is the uuid. */
public final class OutboundRows implements RowCodec<String, String> {
  public static final OutboundRows CODEC = new OutboundRows();

  private OutboundRows() {}

  @Override
  public String keyText(String key) {
    return key;
  }

  @Override
  public String keyOf(String text) {
    return text;
  }

  @Override
  public byte[] encode(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public String ref(String key, String value) {
    int bar = key.indexOf('|');
    return bar < 0 ? null : key.substring(bar + 1);
  }
}
