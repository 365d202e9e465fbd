package io.rtdcs.node;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar rtdcs.jar [-conf FILE]}: starts one node. Without {@code -conf} the node runs
 * the demo configuration (all verticles, a demo partner on loopback, demo rules). SIGTERM (and
 * SIGINT) leave the cluster cleanly through {@link GracefulStop} (Vert.x 5 core installs no hook
 * and the cluster manager turns Hazelcast's off, so without it a SIGTERM looks like a crash to the
 * peers).
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    String conf;
    try {
      conf = confArgument(args);
    } catch (IllegalArgumentException e) {
      System.err.println("rtdcs: " + e.getMessage());
      System.err.println("usage: java -jar rtdcs.jar [-conf FILE.json|FILE.yaml]");
      System.exit(2);
      return;
    }
    try {
      LogSettings.check(System.getenv(), System.getProperties());
    } catch (IllegalArgumentException e) {
      System.err.println("rtdcs: invalid configuration: " + e.getMessage());
      System.exit(1);
      return;
    }
    NodeOptions options;
    Vertx bootstrap = Vertx.vertx();
    try {
      JsonObject config =
          NodeConfigLoader.load(bootstrap, conf, System.getenv(), copy(System.getProperties()))
              .await();
      options = new NodeOptions(config);
    } catch (Exception e) {
      System.err.println("rtdcs: invalid configuration: " + e.getMessage());
      bootstrap.close();
      System.exit(1);
      return;
    }
    bootstrap.close();

    RtdcsNode node;
    try {
      node = RtdcsNode.start(options, Clock.systemUTC()).await();
    } catch (Exception e) {
      LOG.error("rtdcs: cannot start: {}", e.getMessage(), e);
      System.err.println("rtdcs: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    GracefulStop.install(node);
  }

  static String confArgument(String[] args) {
    String conf = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-conf") || a.equals("--conf")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a file");
        }
        conf = args[++i];
      } else if (a.startsWith("-conf=") || a.startsWith("--conf=")) {
        conf = a.substring(a.indexOf('=') + 1);
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    return conf;
  }

  private static Properties copy(Properties p) {
    Properties c = new Properties();
    c.putAll(p);
    return c;
  }
}
