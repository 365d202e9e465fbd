package io.rtdcs.segment.store;

import io.rtdcs.store.TextRows;

/** A queued push ({@code destinationId|uuid} -> JSON) as a row; its {@code ref} is the uuid. */
public final class OutboundRows extends TextRows {
  public static final OutboundRows CODEC = new OutboundRows();

  private OutboundRows() {}

  @Override
  public String ref(String key, String value) {
    int bar = key.indexOf('|');
    return bar < 0 ? null : key.substring(bar + 1);
  }
}
