package io.rtdcs.segment.outbound;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/** Compact serializer of {@link OutboxProcessor} (no Java serialization anywhere). */
public final class OutboxProcessorSerializer implements CompactSerializer<OutboxProcessor> {
  @Override
  public OutboxProcessor read(CompactReader in) {
    return new OutboxProcessor(in.readInt8("op"), in.readString("change"), in.readInt64("version"));
  }

  @Override
  public void write(CompactWriter out, OutboxProcessor p) {
    out.writeInt8("op", p.op());
    out.writeString("change", p.change());
    out.writeInt64("version", p.version());
  }

  @Override
  public String getTypeName() {
    return "rtdcs.OutboxProcessor";
  }

  @Override
  public Class<OutboxProcessor> getCompactClass() {
    return OutboxProcessor.class;
  }
}
