package io.rtdcs.dcs;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;

/** A real DcsVerticle on 127.0.0.1 (random port) beside the contract stubs, plus a client. */
final class DcsServer implements AutoCloseable {
  final Vertx vertx;
  final ContractStubs stubs;
  final WebClient client;
  final int port;
  final int adminPort;
  final io.rtdcs.dcs.http.SlowClientGuard guard;

  DcsServer(JsonObject config) {
    this(config, Clock.systemUTC());
  }

  DcsServer(JsonObject config, Clock clock) {
    vertx = Vertx.vertx();
    stubs = new ContractStubs(vertx);
    JsonObject cfg =
        new JsonObject()
            .put("http.port", 0)
            .put("http.host", "127.0.0.1")
            // functional tests check shapes, not timing: a cold JVM on a busy 2-core machine can
            // take longer than 150 ms; BudgetTest sets the real budget
            .put("budgetMs", 2000)
            .put("storeReserveMs", 500)
            // functional tests check what a call gets, not how a busy node degrades: on a loaded
            // machine the event-loop delay would skip partners at random (AdmissionTest turns it
            // on)
            .put("admission.enabled", false)
            .mergeIn(config);
    DcsVerticle verticle = new DcsVerticle(clock);
    try {
      vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(cfg)).await();
    } catch (RuntimeException e) {
      vertx.close().await();
      throw e;
    }
    port = verticle.actualPort();
    adminPort = verticle.actualAdminPort();
    guard = verticle.slowClientGuard();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setFollowRedirects(false));
  }

  @Override
  public void close() {
    client.close();
    vertx.close().await();
  }
}
