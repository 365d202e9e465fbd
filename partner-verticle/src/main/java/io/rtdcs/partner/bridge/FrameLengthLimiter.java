package io.rtdcs.partner.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits in a bridge connection's Netty pipeline in front of the Vert.x bridge and follows the wire
 * format (a 4-byte big-endian length, then that many bytes of JSON) without copying anything. A
 * declared length above the cap, or below zero, closes the connection at once: the bridge's own
 * parser would otherwise buffer the whole declared frame, before any authentication. One instance
 * per connection (it keeps the position in the stream).
 */
final class FrameLengthLimiter extends ChannelInboundHandlerAdapter {
  private final int maxFrameBytes;
  private final Runnable onOversized;
  private int headerBytes;
  private int declared;
  private long bodyRemaining;
  private boolean refused;

  FrameLengthLimiter(int maxFrameBytes, Runnable onOversized) {
    this.maxFrameBytes = maxFrameBytes;
    this.onOversized = onOversized;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof ByteBuf bytes && !accept(bytes)) {
      refused = true;
      ReferenceCountUtil.release(msg);
      onOversized.run();
      ctx.close();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** Walks the frame headers in this chunk; false as soon as one declares too many bytes. */
  private boolean accept(ByteBuf bytes) {
    int index = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (index < end) {
      if (bodyRemaining > 0) {
        int skip = (int) Math.min(bodyRemaining, end - index);
        bodyRemaining -= skip;
        index += skip;
        continue;
      }
      declared = (declared << 8) | (bytes.getByte(index++) & 0xff);
      if (++headerBytes == 4) {
        if (declared < 0 || declared > maxFrameBytes) {
          return false;
        }
        bodyRemaining = declared;
        headerBytes = 0;
        declared = 0;
      }
    }
    return true;
  }
}
