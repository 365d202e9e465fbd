package io.rtdcs.partner;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rtdcs.common.HmacSigner;
import io.rtdcs.partner.client.PartnerAnswerParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * One-time JVM initialisation that would otherwise land on the event loop with the first partner
 * call: Netty 4.2's adaptive allocator registers its JFR event types on first use (measured at
 * 0.4-1.8 s on a loaded 2-core machine), Jackson builds its ObjectMapper, the JCE loads its MAC
 * providers. Run once per JVM on a worker thread before the consumers register; the lookup path
 * itself (HTTP client, request factories, lookup service) is warmed next by {@link
 * PartnerClientWarmup}.
 */
final class JvmWarmup {
  private static volatile boolean done;

  static void run() {
    if (done) {
      return;
    }
    ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(1024);
    direct.writeBytes(new byte[512]);
    direct.release();
    ByteBuf heap = ByteBufAllocator.DEFAULT.heapBuffer(1024);
    heap.release();
    Buffer json =
        new JsonObject().put("segments", new io.vertx.core.json.JsonArray().add("s")).toBuffer();
    new PartnerAnswerParser(10, 60).parseHttp(200, json);
    for (String algorithm : new String[] {"HmacSHA1", "HmacSHA256", "HmacMD5"}) {
      new HmacSigner(algorithm, "warmup").sign("warmup");
    }
    done = true;
  }

  private JvmWarmup() {}
}
