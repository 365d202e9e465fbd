package io.rtdcs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SharedJsonCodecTest {

  @Test
  void aLocalRequestAndItsReplyShouldBePassedByReference() {
    Vertx vertx = Vertx.vertx();
    try {
      SharedJsonCodec.register(vertx.eventBus());
      SharedJsonCodec.register(vertx.eventBus()); // a second verticle of the node: no error
      JsonObject[] received = new JsonObject[1];
      JsonObject reply = new JsonObject().put("ok", true);
      vertx
          .eventBus()
          .<JsonObject>consumer(
              "test.shared",
              m -> {
                received[0] = m.body();
                m.reply(reply, SharedJsonCodec.reply());
              })
          .completion()
          .await();
      JsonObject body = new JsonObject().put("signals", new JsonObject().put("k", new JsonArray()));

      Message<Object> answer =
          vertx.eventBus().request("test.shared", body, SharedJsonCodec.options()).await();

      assertThat(received[0]).isSameAs(body);
      assertThat(answer.body()).isSameAs(reply);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void acrossTheClusterItShouldBeTheSameJsonAsVertxsOwnCodec() {
    SharedJsonCodec codec = new SharedJsonCodec();
    JsonObject body =
        new JsonObject()
            .put("uuid", "123")
            .put("signals", new JsonObject().put("c_x", new JsonArray().add("é ☃")))
            .put("timeoutMs", 40);
    Buffer wire = Buffer.buffer().appendString("prefix");

    codec.encodeToWire(wire, body);

    assertThat(codec.decodeFromWire("prefix".length(), wire)).isEqualTo(body);
    assertThat(wire.getBuffer("prefix".length() + 4, wire.length()).toString())
        .isEqualTo(body.encode());
  }
}
