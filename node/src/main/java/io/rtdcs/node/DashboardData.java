package io.rtdcs.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The snapshot behind {@code /dashboard/data}: the cluster's members with the verticles each runs
 * (from Hazelcast member attributes, set by every node at start), and this node's counters and
 * latency percentiles read from its meter registry. Counts are totals since start; the page turns
 * them into rates. Nothing per visitor.
 */
final class DashboardData {
  static final String ATTR_HTTP_PORT = "rtdcs.http.port";
  static final String ATTR_VERTICLES = "rtdcs.verticles";

  private final HazelcastInstance hazelcast;
  private final MeterRegistry registry;
  private final MeterRegistry perDefinition;
  private final boolean metricsEnabled;
  private final Clock clock;

  DashboardData(
      HazelcastInstance hazelcast,
      MeterRegistry registry,
      MeterRegistry perDefinition,
      boolean metricsEnabled,
      Clock clock) {
    this.hazelcast = hazelcast;
    this.registry = registry;
    this.perDefinition = perDefinition;
    this.metricsEnabled = metricsEnabled;
    this.clock = clock;
  }

  /** "dcs=2,partner=1,segment=1,outbound=1": what a node publishes in its member attributes. */
  static String verticlesAttribute(NodeOptions o) {
    return "dcs="
        + o.getDcsInstances()
        + ",partner="
        + o.getPartnerInstances()
        + ",segment="
        + o.getSegmentInstances()
        + ",outbound="
        + o.getOutboundInstances();
  }

  JsonObject snapshot() {
    return new JsonObject()
        .put("time", clock.millis())
        .put("metrics", metricsEnabled)
        .put("members", members())
        .put("events", events())
        .put("partners", partners())
        .put("segments", counts(perDefinition, "rtdcs.segment.qualifications", "segment"))
        .put("traits", counts(perDefinition, "rtdcs.trait.realizations", "trait"))
        .put("errors", counts(registry, "rtdcs.errors", "code"))
        .put("optOuts", total("rtdcs.optouts"));
  }

  private JsonArray members() {
    Member local = hazelcast.getCluster().getLocalMember();
    JsonArray out = new JsonArray();
    for (Member m : hazelcast.getCluster().getMembers()) {
      JsonObject verticles = new JsonObject();
      String attr = m.getAttribute(ATTR_VERTICLES);
      if (attr != null) {
        for (String part : attr.split(",")) {
          String[] kv = part.split("=", 2);
          if (kv.length == 2 && kv[1].matches("\\d{1,3}")) {
            verticles.put(kv[0], Integer.parseInt(kv[1]));
          }
        }
      }
      out.add(
          new JsonObject()
              .put("uuid", m.getUuid().toString())
              .put("address", m.getAddress().getHost() + ":" + m.getAddress().getPort())
              .put("httpPort", m.getAttribute(ATTR_HTTP_PORT))
              .put("local", m.equals(local))
              .put("verticles", verticles));
    }
    return out;
  }

  private JsonObject events() {
    Timer t = registry.find("rtdcs.event").timer();
    return t == null ? new JsonObject().put("count", 0) : latency(t);
  }

  private JsonArray partners() {
    Map<String, JsonObject> byDpid = new TreeMap<>();
    for (Timer t : registry.find("rtdcs.partner.call").timers()) {
      byDpid.computeIfAbsent(t.getId().getTag("dpid"), this::partner).put("latency", latency(t));
    }
    for (Counter c : registry.find("rtdcs.partner.calls").counters()) {
      byDpid
          .computeIfAbsent(c.getId().getTag("dpid"), this::partner)
          .getJsonObject("outcomes")
          .put(c.getId().getTag("outcome"), (long) c.count());
    }
    for (Gauge g : registry.find("rtdcs.partner.breaker.state").gauges()) {
      byDpid
          .computeIfAbsent(g.getId().getTag("dpid"), this::partner)
          .put("breaker", breaker((int) g.value()));
    }
    return new JsonArray(new java.util.ArrayList<>(byDpid.values()));
  }

  private JsonObject partner(String dpid) {
    return new JsonObject()
        .put("dpid", Integer.parseInt(dpid))
        .put("outcomes", new JsonObject())
        .put("breaker", "closed");
  }

  private static String breaker(int state) {
    return switch (state) {
      case 2 -> "open";
      case 1 -> "half-open";
      default -> "closed";
    };
  }

  private static JsonObject latency(Timer t) {
    HistogramSnapshot s = t.takeSnapshot();
    JsonObject json = new JsonObject().put("count", s.count());
    for (ValueAtPercentile p : s.percentileValues()) {
      double ms = round(p.value(TimeUnit.MILLISECONDS));
      if (p.percentile() == 0.5) {
        json.put("p50Ms", ms);
      } else if (p.percentile() == 0.99) {
        json.put("p99Ms", ms);
      }
    }
    return json;
  }

  private static JsonObject counts(MeterRegistry from, String name, String tag) {
    Map<Integer, Long> sorted = new TreeMap<>();
    for (Counter c : from.find(name).counters()) {
      String id = c.getId().getTag(tag);
      if (id != null && id.matches("\\d{1,9}")) {
        sorted.merge(Integer.parseInt(id), (long) c.count(), Long::sum);
      }
    }
    JsonObject json = new JsonObject();
    sorted.forEach((id, n) -> json.put(Integer.toString(id), n));
    return json;
  }

  private long total(String name) {
    double sum = 0;
    for (Counter c : registry.find(name).counters()) {
      sum += c.count();
    }
    return (long) sum;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
