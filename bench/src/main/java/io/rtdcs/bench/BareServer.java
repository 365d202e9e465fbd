package io.rtdcs.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The ceiling of the load benchmark: a bare Vert.x HTTP server that answers every request with a
 * fixed JSON of the same size as rtdcs's answer. {@code --port 8180 --body-bytes 330 --instances 2}
 */
public final class BareServer extends VerticleBase {
  private final int port;
  private final Buffer body;

  BareServer(int port, Buffer body) {
    this.port = port;
    this.body = body;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer()
        .requestHandler(
            req -> req.response().putHeader("content-type", "application/json").end(body))
        .listen(port, "127.0.0.1");
  }

  static Buffer fixedJson(int bytes) {
    StringBuilder sb =
        new StringBuilder(
            "{\"uuid\":\"22920112968019678612904394744954398990\",\"dcs_region\":7,"
                + "\"tid\":\"31ZpxW5bQGc=\",\"segments\":[5001,5003],\"traits\":[1001,2001],"
                + "\"pad\":\"");
    while (sb.length() < bytes - 2) {
      sb.append('x');
    }
    return Buffer.buffer(sb.append("\"}").toString());
  }

  public static void main(String[] argv) {
    Args args = new Args(argv);
    int port = args.integer("port", 8180);
    Buffer body = fixedJson(args.integer("body-bytes", 330));
    Vertx vertx = Vertx.vertx();
    vertx
        .deployVerticle(
            () -> new BareServer(port, body),
            new io.vertx.core.DeploymentOptions().setInstances(args.integer("instances", 2)))
        .onSuccess(id -> System.out.println("bare server on :" + port))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }
}
