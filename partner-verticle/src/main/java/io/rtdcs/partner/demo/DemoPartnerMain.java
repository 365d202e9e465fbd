package io.rtdcs.partner.demo;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Runs the demo partner as its own JVM: {@code java -cp rtdcs.jar
 * io.rtdcs.partner.demo.DemoPartnerMain --port 8091 --latency-ms 20 --mode normal}. Options: {@code
 * --host}, {@code --port}, {@code --latency-ms}, {@code --failure-rate}, {@code --mode}, {@code
 * --ttl}.
 */
public final class DemoPartnerMain {

  public static void main(String[] args) {
    JsonObject config;
    try {
      config = parse(args);
      new DemoPartnerOptions(config); // validate before starting anything
    } catch (IllegalArgumentException e) {
      System.err.println("demo partner: " + e.getMessage());
      System.err.println(
          "usage: DemoPartnerMain [--host H] [--port N] [--latency-ms N] [--failure-rate F]"
              + " [--mode normal|hang|error|garbage|slow-body] [--ttl N]");
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> vertx.close().await(), "demo-partner-shutdown"));
    vertx
        .deployVerticle(new DemoPartnerVerticle(), new DeploymentOptions().setConfig(config))
        .onSuccess(
            id ->
                System.out.println(
                    "demo partner listening on http://"
                        + config.getString("host", DemoPartnerOptions.DEFAULT_HOST)
                        + ":"
                        + config.getInteger("port", DemoPartnerOptions.DEFAULT_PORT)
                        + "/lookup "
                        + config.encode()))
        .onFailure(
            t -> {
              System.err.println("demo partner failed to start: " + t);
              vertx.close();
              System.exit(1);
            });
  }

  static JsonObject parse(String[] args) {
    JsonObject config = new JsonObject();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + ": missing value");
      }
      String value = args[++i];
      try {
        switch (flag) {
          case "--host" -> config.put("host", value);
          case "--port" -> config.put("port", Integer.parseInt(value));
          case "--latency-ms" -> config.put("latencyMs", Long.parseLong(value));
          case "--failure-rate" -> config.put("failureRate", Double.parseDouble(value));
          case "--mode" -> config.put("mode", value);
          case "--ttl" -> config.put("ttl", Long.parseLong(value));
          default -> throw new IllegalArgumentException(flag + ": unknown option");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + ": not a number: " + value);
      }
    }
    return config;
  }

  private DemoPartnerMain() {}
}
