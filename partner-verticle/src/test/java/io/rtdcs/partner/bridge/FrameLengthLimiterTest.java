package io.rtdcs.partner.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrameLengthLimiterTest {
  private final AtomicInteger oversized = new AtomicInteger();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new FrameLengthLimiter(100, oversized::incrementAndGet));

  @Test
  void framesWithinTheCapShouldPassUnchangedHoweverTheChunksFall() {
    ByteBuf stream = Unpooled.buffer();
    stream.writeBytes(frame(100)).writeBytes(frame(0)).writeBytes(frame(7));
    byte[] all = new byte[stream.readableBytes()];
    stream.readBytes(all);
    // one byte per read: headers and bodies split everywhere
    for (byte b : all) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }

    assertThat(channel.isOpen()).isTrue();
    assertThat(oversized).hasValue(0);
    assertThat(readInbound()).isEqualTo(all.length);
  }

  @Test
  void aHeaderDeclaringMoreThanTheCapShouldCloseBeforeAnyOfItPasses() {
    ByteBuf stream = Unpooled.buffer().writeBytes(frame(5)).writeInt(0x7FFFFFFF);
    stream.writeBytes(new byte[1000]);

    channel.writeInbound(stream);

    assertThat(stream.refCnt()).as("released").isZero();
    assertThat(channel.isOpen()).isFalse();
    assertThat(oversized).hasValue(1);
    assertThat(readInbound()).isZero();
  }

  @Test
  void aNegativeLengthOrOneByteOverTheCapShouldClose() {
    EmbeddedChannel negative = new EmbeddedChannel(new FrameLengthLimiter(100, () -> {}));
    negative.writeInbound(Unpooled.buffer().writeInt(-1));
    assertThat(negative.isOpen()).isFalse();

    // the header of a 101-byte frame split over two reads, after a full frame
    ByteBuf first = Unpooled.buffer().writeBytes(frame(3)).writeByte(0).writeByte(0);
    channel.writeInbound(first);
    assertThat(channel.isOpen()).isTrue();
    channel.writeInbound(Unpooled.buffer().writeByte(0).writeByte(101));
    assertThat(channel.isOpen()).isFalse();
    assertThat(oversized).hasValue(1);
  }

  private int readInbound() {
    int total = 0;
    for (ByteBuf b = channel.readInbound(); b != null; b = channel.readInbound()) {
      total += b.readableBytes();
      b.release();
    }
    return total;
  }

  private static byte[] frame(int length) {
    ByteBuf b = Unpooled.buffer().writeInt(length);
    b.writeBytes("x".repeat(length).getBytes(StandardCharsets.US_ASCII));
    byte[] out = new byte[b.readableBytes()];
    b.readBytes(out);
    return out;
  }
}
