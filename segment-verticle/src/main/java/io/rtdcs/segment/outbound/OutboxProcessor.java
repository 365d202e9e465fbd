package io.rtdcs.segment.outbound;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * The only writes to {@code rtdcs.outbound}, each atomic at the key's owner: fold a change into the
 * pending push ({@link #merge}), or remove the push once delivered, but only if no newer change
 * arrived meanwhile ({@link #removeIfVersion}). The backup applies the same processor to the same
 * value, so primary and backup stay equal.
 */
public final class OutboxProcessor implements EntryProcessor<String, String, Long> {
  static final byte MERGE = 1;
  static final byte REMOVE_IF_VERSION = 2;

  private final byte op;
  private final String change;
  private final long version;

  OutboxProcessor(byte op, String change, long version) {
    this.op = op;
    this.change = change;
    this.version = version;
  }

  /** Folds {@code change} (an entry with version 0, its own queue time) into the pending push. */
  public static OutboxProcessor merge(OutboxEntry change) {
    return new OutboxProcessor(MERGE, change.toJson(), 0);
  }

  public static OutboxProcessor removeIfVersion(long version) {
    return new OutboxProcessor(REMOVE_IF_VERSION, null, version);
  }

  byte op() {
    return op;
  }

  String change() {
    return change;
  }

  long version() {
    return version;
  }

  /** MERGE: the new version. REMOVE_IF_VERSION: 1 when removed, 0 when a newer change is there. */
  @Override
  public Long process(Map.Entry<String, String> entry) {
    if (op == REMOVE_IF_VERSION) {
      String current = entry.getValue();
      if (current != null && OutboxEntry.fromJson(current).version() == version) {
        entry.setValue(null);
        return 1L;
      }
      return 0L;
    }
    OutboxEntry incoming = OutboxEntry.fromJson(change);
    String current = entry.getValue();
    OutboxEntry next =
        current == null
            ? new OutboxEntry(
                incoming.uuid(), incoming.dpuuid(), incoming.left(), 1, incoming.queuedAt())
            : OutboxEntry.fromJson(current).merge(incoming.dpuuid(), incoming.left());
    entry.setValue(next.toJson());
    return next.version();
  }
}
