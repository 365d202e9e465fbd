package io.rtdcs.node;

import io.rtdcs.common.ConfigValues;
import io.rtdcs.common.egress.OutboundAddressPolicy;
import io.rtdcs.dcs.http.DefinitionSchemas;
import io.rtdcs.outbound.OutboundOptions;
import io.rtdcs.partner.PartnerVerticleOptions;
import io.rtdcs.partner.bridge.PartnerBridgeOptions;
import io.rtdcs.partner.demo.DemoPartnerOptions;
import io.rtdcs.segment.SegmentOptions;
import io.rtdcs.store.StoreOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one node runs and how it joins the cluster. Built from the merged node config (file,
 * environment, system properties); every setter validates and names the config key it guards, so a
 * bad config stops the node at start. Module sections ({@code dcs}, {@code partner}, {@code
 * segment}) are handed to the verticles, whose own options objects validate them.
 */
public final class NodeOptions {
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final String DEFAULT_CLUSTER_NAME = "rtdcs";
  public static final String DEFAULT_CLUSTER_HOST = "127.0.0.1";
  public static final int DEFAULT_CLUSTER_PORT = 5701;

  /**
   * Members a node must see to read or write visitor data ({@code cluster.minimumMembers}); 1 = no
   * split-brain protection (one node, or a cluster that prefers availability).
   */
  public static final int DEFAULT_CLUSTER_MINIMUM_MEMBERS = 1;

  public static final int DEFAULT_DCS_INSTANCES = 2;
  public static final int DEFAULT_PARTNER_INSTANCES = 1;
  public static final int DEFAULT_SEGMENT_INSTANCES = 1;
  public static final int DEFAULT_OUTBOUND_INSTANCES = 1;
  public static final int MAX_INSTANCES = 64;
  public static final boolean DEFAULT_DEMO_PARTNER_ENABLED = false;
  public static final boolean DEFAULT_METRICS_ENABLED = true;

  /**
   * Series tagged with a trait or segment id are not exported by default: their number grows with
   * the definitions ({@code metrics.perDefinition}).
   */
  public static final boolean DEFAULT_METRICS_PER_DEFINITION = false;

  /** Vert.x metrics domains (vertx-micrometer-metrics' MetricsDomain). */
  public static final List<String> METRICS_DOMAINS =
      List.of(
          "HTTP_SERVER",
          "HTTP_CLIENT",
          "NET_SERVER",
          "NET_CLIENT",
          "EVENT_BUS",
          "NAMED_POOLS",
          "VERTICLES",
          "DATAGRAM_SOCKET");

  private int httpPort = DEFAULT_HTTP_PORT;
  private String httpHost = DEFAULT_HTTP_HOST;
  private String clusterName = DEFAULT_CLUSTER_NAME;
  private String clusterHost = DEFAULT_CLUSTER_HOST;
  private int clusterPort = DEFAULT_CLUSTER_PORT;
  private int clusterMinimumMembers = DEFAULT_CLUSTER_MINIMUM_MEMBERS;
  private List<String> clusterMembers = new ArrayList<>(List.of(DEFAULT_CLUSTER_HOST));
  private String clusterConfig;
  private String kubernetesServiceDns;
  private int dcsInstances = DEFAULT_DCS_INSTANCES;
  private int partnerInstances = DEFAULT_PARTNER_INSTANCES;
  private int segmentInstances = DEFAULT_SEGMENT_INSTANCES;
  private int outboundInstances = DEFAULT_OUTBOUND_INSTANCES;
  private String adminToken;
  private boolean metricsEnabled = DEFAULT_METRICS_ENABLED;
  private boolean metricsPerDefinition = DEFAULT_METRICS_PER_DEFINITION;
  private boolean demoPartnerEnabled = DEFAULT_DEMO_PARTNER_ENABLED;
  private List<String> metricsDisabledDomains = List.of();
  private DemoPartnerOptions demoPartner = new DemoPartnerOptions();
  private PartnerBridgeOptions bridge = new PartnerBridgeOptions();
  private JsonObject dcs = new JsonObject();
  private JsonObject partner = new JsonObject();
  private JsonObject segment = new JsonObject();
  private JsonObject outbound = new JsonObject();
  private JsonObject definitions = new JsonObject();
  private OutboundAddressPolicy egress = OutboundAddressPolicy.DEFAULT;
  private EventBusTlsOptions eventBusTls = new EventBusTlsOptions();
  private EventBusAddressOptions eventBus = new EventBusAddressOptions();
  private StoreOptions store = new StoreOptions();

  public NodeOptions() {}

  public NodeOptions(JsonObject json) {
    Objects.requireNonNull(json, "json");
    ConfigValues http = new ConfigValues(section(json, "http"), "http");
    setHttpPort(http.integer("port", httpPort));
    setHttpHost(http.string("host", httpHost));
    JsonObject cluster = section(json, "cluster");
    ConfigValues c = new ConfigValues(cluster, "cluster");
    setClusterName(c.string("name", clusterName));
    setClusterHost(c.string("host", clusterHost));
    setClusterPort(c.integer("port", clusterPort));
    setClusterMinimumMembers(c.integer("minimumMembers", clusterMinimumMembers));
    if (cluster.containsKey("members")) {
      setClusterMembers(members(cluster.getValue("members")));
    }
    clusterConfig = c.string("config", null);
    eventBusTls = EventBusTlsOptions.from(cluster);
    setEventBus(EventBusAddressOptions.from(cluster));
    setKubernetesServiceDns(
        new ConfigValues(section(cluster, "kubernetes"), "cluster.kubernetes")
            .string("serviceDns", null));
    JsonObject verticles = section(json, "verticles");
    setDcsInstances(instances(verticles, "dcs", dcsInstances));
    setPartnerInstances(instances(verticles, "partner", partnerInstances));
    setSegmentInstances(instances(verticles, "segment", segmentInstances));
    setOutboundInstances(instances(verticles, "outbound", outboundInstances));
    setAdminToken(new ConfigValues(section(json, "admin"), "admin").string("token", null));
    JsonObject metrics = section(json, "metrics");
    ConfigValues m = new ConfigValues(metrics, "metrics");
    setMetricsEnabled(m.bool("enabled", metricsEnabled));
    setMetricsPerDefinition(m.bool("perDefinition", metricsPerDefinition));
    if (metrics.containsKey("disabledDomains")) {
      setMetricsDisabledDomains(
          strings(metrics.getValue("disabledDomains"), "metrics.disabledDomains"));
    }
    JsonObject demo = section(json, "demoPartner").copy();
    setDemoPartnerEnabled(
        new ConfigValues(demo, "demoPartner").bool("enabled", demoPartnerEnabled));
    demo.remove("enabled");
    try {
      demoPartner = new DemoPartnerOptions(demo);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("demoPartner." + e.getMessage(), e);
    }
    bridge = new PartnerBridgeOptions(section(json, "bridge"));
    dcs = section(json, "dcs").copy();
    partner = section(json, "partner").copy();
    segment = section(json, "segment").copy();
    outbound = section(json, "outbound").copy();
    definitions = section(json, "definitions").copy();
    Object allow = section(json, "egress").getValue("allow");
    if (allow != null) {
      setEgress(new OutboundAddressPolicy(strings(allow, OutboundAddressPolicy.KEY)));
    }
    store = StoreConfig.read(section(json, "store"));
    new ConfigValues(json).allow(KEYS).rejectUnknown("");
    // the verticles' sections: their readers take a few keys each (dcs checks its own at deploy)
    new ConfigValues(partner).allow(PartnerVerticleOptions.KEYS).rejectUnknown("partner");
    new ConfigValues(segment).allow(SegmentOptions.KEYS).rejectUnknown("segment");
    new ConfigValues(outbound).allow(OutboundOptions.KEYS).rejectUnknown("outbound");
    checkDefinitions(definitions);
  }

  /**
   * The definitions seeded from the config meet the schemas of the admin API ({@code
   * /openapi.json}): a field no definition has ({@code timeoutMS}) stops the node, as it would fail
   * a {@code PUT}.
   */
  private static void checkDefinitions(JsonObject definitions) {
    ConfigValues c = new ConfigValues(definitions);
    List<String> kinds = List.of("partners", "traits", "segments", "destinations", "mergeRules");
    DefinitionSchemas schemas = null;
    for (String kind : kinds) {
      Object list = c.raw(kind);
      if (list == null) {
        continue;
      }
      if (!(list instanceof JsonArray array)) {
        throw new IllegalArgumentException("definitions." + kind + ": expected a list");
      }
      for (int i = 0; i < array.size(); i++) {
        if (!(array.getValue(i) instanceof JsonObject definition)) {
          throw new IllegalArgumentException(
              "definitions." + kind + "[" + i + "]: expected an object");
        }
        schemas = schemas == null ? new DefinitionSchemas() : schemas;
        String problem = schemas.problem(kind, definition);
        if (problem != null) {
          throw new IllegalArgumentException("definitions." + kind + "[" + i + "]." + problem);
        }
      }
    }
    c.rejectUnknown("definitions");
  }

  /**
   * Every key of the node config (docs/configuration.md): a key outside these stops the node with
   * its name. {@code dcs}, {@code partner}, {@code segment}, {@code outbound} and {@code
   * definitions} are checked by their own readers; {@code cluster.eventBus} and {@code store} too.
   */
  static final String[] KEYS = {
    "http.port",
    "http.host",
    "cluster.name",
    "cluster.host",
    "cluster.port",
    "cluster.minimumMembers",
    "cluster.members",
    "cluster.config",
    "cluster.eventBus",
    "cluster.eventBusTls.enabled",
    "cluster.eventBusTls.certPath",
    "cluster.eventBusTls.keyPath",
    "cluster.eventBusTls.trustPath",
    "cluster.kubernetes.serviceDns",
    "verticles.dcs.instances",
    "verticles.partner.instances",
    "verticles.segment.instances",
    "verticles.outbound.instances",
    "admin.token",
    "metrics.enabled",
    "metrics.perDefinition",
    "metrics.disabledDomains",
    "demoPartner.enabled",
    "demoPartner.host",
    "demoPartner.port",
    "demoPartner.latencyMs",
    "demoPartner.failureRate",
    "demoPartner.mode",
    "demoPartner.ttl",
    "demoPartner.dcsUrl",
    "demoPartner.dpid",
    "bridge.enabled",
    "bridge.host",
    "bridge.port",
    "bridge.idleTimeoutSeconds",
    "bridge.maxFrameBytes",
    "bridge.maxConnections",
    "bridge.maxConnectionsPerAddress",
    "bridge.writeQueueMaxBytes",
    "bridge.slowReaderTimeoutMs",
    "bridge.tls.enabled",
    "bridge.tls.certPath",
    "bridge.tls.keyPath",
    "bridge.tokens",
    "dcs",
    "partner",
    "segment",
    "outbound",
    "definitions",
    "egress.allow",
    "store"
  };

  public JsonObject toJson() {
    return new JsonObject()
        .put("http", new JsonObject().put("port", httpPort).put("host", httpHost))
        .put(
            "cluster",
            new JsonObject()
                .put("name", clusterName)
                .put("host", clusterHost)
                .put("port", clusterPort)
                .put("minimumMembers", clusterMinimumMembers)
                .put("members", new JsonArray(new ArrayList<>(clusterMembers)))
                .put("config", clusterConfig)
                .put("eventBus", eventBus.toJson())
                .put("eventBusTls", eventBusTls.toJson())
                .put("kubernetes", new JsonObject().put("serviceDns", kubernetesServiceDns)))
        .put(
            "verticles",
            new JsonObject()
                .put("dcs", new JsonObject().put("instances", dcsInstances))
                .put("partner", new JsonObject().put("instances", partnerInstances))
                .put("segment", new JsonObject().put("instances", segmentInstances))
                .put("outbound", new JsonObject().put("instances", outboundInstances)))
        .put("admin", new JsonObject().put("token", adminToken))
        .put(
            "metrics",
            new JsonObject()
                .put("enabled", metricsEnabled)
                .put("perDefinition", metricsPerDefinition)
                .put("disabledDomains", new JsonArray(new ArrayList<>(metricsDisabledDomains))))
        .put("demoPartner", demoPartner.toJson().put("enabled", demoPartnerEnabled))
        .put("bridge", bridge.toJson())
        .put("dcs", dcs.copy())
        .put("partner", partner.copy())
        .put("segment", segment.copy())
        .put("outbound", outbound.copy())
        .put("definitions", definitions.copy())
        .put("egress", new JsonObject().put("allow", egress.toJson()))
        .put("store", StoreConfig.toJson(store));
  }

  /** Where durable state lives ({@code store.*}, docs/storage.md). */
  public StoreOptions getStore() {
    return store;
  }

  public NodeOptions setStore(StoreOptions store) {
    this.store = Objects.requireNonNull(store, "store").validate();
    return this;
  }

  public int getHttpPort() {
    return httpPort;
  }

  public NodeOptions setHttpPort(int httpPort) {
    this.httpPort = port(httpPort, "http.port", true);
    return this;
  }

  public String getHttpHost() {
    return httpHost;
  }

  public NodeOptions setHttpHost(String httpHost) {
    this.httpHost = nonBlank(httpHost, "http.host");
    return this;
  }

  public String getClusterName() {
    return clusterName;
  }

  public NodeOptions setClusterName(String clusterName) {
    this.clusterName = nonBlank(clusterName, "cluster.name");
    return this;
  }

  public String getClusterHost() {
    return clusterHost;
  }

  public NodeOptions setClusterHost(String clusterHost) {
    this.clusterHost = nonBlank(clusterHost, "cluster.host");
    return this;
  }

  /** {@code cluster.host} 0.0.0.0: bind every interface and advertise the one Hazelcast picks. */
  public boolean bindsAnyClusterInterface() {
    return "0.0.0.0".equals(clusterHost);
  }

  public int getClusterPort() {
    return clusterPort;
  }

  public NodeOptions setClusterPort(int clusterPort) {
    this.clusterPort = port(clusterPort, "cluster.port", false);
    return this;
  }

  /**
   * {@code cluster.minimumMembers}: below this many members a node refuses to read or write visitor
   * data (profiles, ID links, queued pushes) and reports not ready, so that a member cut off from
   * the rest never serves or changes people's data on its own. A majority of the planned cluster (2
   * of 3) is the production setting; 1 turns the protection off.
   */
  public int getClusterMinimumMembers() {
    return clusterMinimumMembers;
  }

  public NodeOptions setClusterMinimumMembers(int minimumMembers) {
    if (minimumMembers < 1 || minimumMembers > 100) {
      throw new IllegalArgumentException(
          "cluster.minimumMembers: expected 1 to 100, got " + minimumMembers);
    }
    this.clusterMinimumMembers = minimumMembers;
    return this;
  }

  public List<String> getClusterMembers() {
    return List.copyOf(clusterMembers);
  }

  public NodeOptions setClusterMembers(List<String> members) {
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("cluster.members: expected at least one host, got none");
    }
    List<String> copy = new ArrayList<>();
    for (String m : members) {
      String host = nonBlank(m == null ? null : m.trim(), "cluster.members");
      if (host.contains("-") && host.contains(":")) {
        throw new IllegalArgumentException(
            "cluster.members: port ranges are not supported (Hazelcast 5.3.8 rejects them), got "
                + m);
      }
      copy.add(host);
    }
    this.clusterMembers = copy;
    return this;
  }

  /** Hazelcast XML to start from; null = -Dvertx.hazelcast.config, else cluster.xml in the jar. */
  public String getClusterConfig() {
    return clusterConfig;
  }

  public NodeOptions setClusterConfig(String clusterConfig) {
    this.clusterConfig = clusterConfig;
    return this;
  }

  /**
   * {@code cluster.kubernetes.serviceDns}: the headless Service's DNS name; members find each other
   * through Hazelcast's Kubernetes discovery (DNS lookup mode) instead of the TCP-IP list.
   */
  public String getKubernetesServiceDns() {
    return kubernetesServiceDns;
  }

  public NodeOptions setKubernetesServiceDns(String serviceDns) {
    if (serviceDns != null
        && !serviceDns.isEmpty()
        && !serviceDns.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,252}")) {
      throw new IllegalArgumentException(
          "cluster.kubernetes.serviceDns: expected a DNS name such as"
              + " rtdcs.default.svc.cluster.local, got "
              + serviceDns);
    }
    this.kubernetesServiceDns = serviceDns == null || serviceDns.isEmpty() ? null : serviceDns;
    return this;
  }

  public int getDcsInstances() {
    return dcsInstances;
  }

  public NodeOptions setDcsInstances(int n) {
    this.dcsInstances = instanceCount(n, "verticles.dcs.instances");
    return this;
  }

  public int getPartnerInstances() {
    return partnerInstances;
  }

  public NodeOptions setPartnerInstances(int n) {
    this.partnerInstances = instanceCount(n, "verticles.partner.instances");
    return this;
  }

  public int getSegmentInstances() {
    return segmentInstances;
  }

  public NodeOptions setSegmentInstances(int n) {
    this.segmentInstances = instanceCount(n, "verticles.segment.instances");
    return this;
  }

  public int getOutboundInstances() {
    return outboundInstances;
  }

  /** 0 or 1: one OutboundVerticle delivers every pending push this member owns. */
  public NodeOptions setOutboundInstances(int n) {
    if (n < 0 || n > 1) {
      throw new IllegalArgumentException("verticles.outbound.instances: must be 0 or 1, was " + n);
    }
    this.outboundInstances = n;
    return this;
  }

  /** The {@code outbound} section (docs/outbound.md), handed to OutboundVerticle and the outbox. */
  public JsonObject getOutbound() {
    return outbound;
  }

  public NodeOptions setOutbound(JsonObject outbound) {
    this.outbound = Objects.requireNonNull(outbound, "outbound");
    return this;
  }

  /**
   * {@code egress.allow}: the loopback, private, link-local or metadata addresses that partner
   * lookups, server-to-server pushes and token requests may reach (host names, IP addresses, CIDR
   * ranges; {@link OutboundAddressPolicy}). Absent: none, only public addresses.
   */
  public OutboundAddressPolicy getEgress() {
    return egress;
  }

  public NodeOptions setEgress(OutboundAddressPolicy egress) {
    this.egress = Objects.requireNonNull(egress, "egress");
    return this;
  }

  public String getAdminToken() {
    return adminToken;
  }

  public NodeOptions setAdminToken(String adminToken) {
    io.rtdcs.common.AdminTokens.check(adminToken, "admin.token");
    this.adminToken = adminToken;
    return this;
  }

  /**
   * {@code metrics.enabled}: Vert.x and rtdcs meters in a Prometheus registry, {@code /metrics}.
   */
  public boolean isMetricsEnabled() {
    return metricsEnabled;
  }

  public NodeOptions setMetricsEnabled(boolean metricsEnabled) {
    this.metricsEnabled = metricsEnabled;
    return this;
  }

  /**
   * {@code metrics.perDefinition}: export the series tagged with a trait or segment id ({@code
   * rtdcs_trait_realizations_total}, {@code rtdcs_segment_qualifications_total}); off, the node
   * keeps them for its dashboard only.
   */
  public boolean isMetricsPerDefinition() {
    return metricsPerDefinition;
  }

  public NodeOptions setMetricsPerDefinition(boolean metricsPerDefinition) {
    this.metricsPerDefinition = metricsPerDefinition;
    return this;
  }

  /** Whether this node starts the demo HTTP partner (its settings: {@link #getDemoPartner()}). */
  public boolean isDemoPartnerEnabled() {
    return demoPartnerEnabled;
  }

  public NodeOptions setDemoPartnerEnabled(boolean enabled) {
    this.demoPartnerEnabled = enabled;
    return this;
  }

  /**
   * {@code metrics.disabledDomains}: Vert.x metrics domains not measured, to trim the cost (names
   * of {@link #METRICS_DOMAINS}); the rtdcs series are always kept.
   */
  public List<String> getMetricsDisabledDomains() {
    return metricsDisabledDomains;
  }

  public NodeOptions setMetricsDisabledDomains(List<String> domains) {
    for (String d : domains) {
      if (!METRICS_DOMAINS.contains(d)) {
        throw new IllegalArgumentException(
            "metrics.disabledDomains: expected names among " + METRICS_DOMAINS + ", got " + d);
      }
    }
    this.metricsDisabledDomains = List.copyOf(domains);
    return this;
  }

  public DemoPartnerOptions getDemoPartner() {
    return demoPartner;
  }

  public NodeOptions setDemoPartner(DemoPartnerOptions demoPartner) {
    this.demoPartner = Objects.requireNonNull(demoPartner, "demoPartner");
    return this;
  }

  /** TLS of the clustered event bus ({@code cluster.eventBusTls}). */
  public EventBusTlsOptions getEventBusTls() {
    return eventBusTls;
  }

  /** Where the clustered event bus listens and what it advertises ({@code cluster.eventBus}). */
  public EventBusAddressOptions getEventBus() {
    return eventBus;
  }

  /**
   * A fixed event-bus port must differ from {@code http.port} and {@code cluster.port}: the node
   * would otherwise fail later with a bare "address in use".
   */
  public NodeOptions setEventBus(EventBusAddressOptions eventBus) {
    Objects.requireNonNull(eventBus, "eventBus");
    int port = eventBus.getPort();
    if (port != 0 && (port == httpPort || port == clusterPort)) {
      throw new IllegalArgumentException(
          "cluster.eventBus.port: "
              + port
              + " is also "
              + (port == httpPort ? "http.port" : "cluster.port")
              + "; give the event bus a port of its own");
    }
    this.eventBus = eventBus;
    return this;
  }

  public PartnerBridgeOptions getBridge() {
    return bridge;
  }

  public NodeOptions setBridge(PartnerBridgeOptions bridge) {
    this.bridge = Objects.requireNonNull(bridge, "bridge");
    return this;
  }

  public JsonObject getDcs() {
    return dcs;
  }

  public NodeOptions setDcs(JsonObject dcs) {
    this.dcs = Objects.requireNonNull(dcs, "dcs");
    return this;
  }

  public JsonObject getPartner() {
    return partner;
  }

  public NodeOptions setPartner(JsonObject partner) {
    this.partner = Objects.requireNonNull(partner, "partner");
    return this;
  }

  public JsonObject getSegment() {
    return segment;
  }

  public NodeOptions setSegment(JsonObject segment) {
    this.segment = Objects.requireNonNull(segment, "segment");
    return this;
  }

  public JsonObject getDefinitions() {
    return definitions;
  }

  public NodeOptions setDefinitions(JsonObject definitions) {
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    return this;
  }

  static JsonObject section(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v == null) {
      return new JsonObject();
    }
    if (!(v instanceof JsonObject)) {
      throw new IllegalArgumentException(key + ": expected an object, got " + v);
    }
    return (JsonObject) v;
  }

  private static int instances(JsonObject verticles, String name, int dflt) {
    String path = "verticles." + name;
    return new ConfigValues(section(verticles, name), path).integer("instances", dflt);
  }

  private static List<String> members(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray a) {
      for (Object o : a) {
        if (!(o instanceof String)) {
          throw new IllegalArgumentException("cluster.members: expected host strings, got " + o);
        }
        out.add((String) o);
      }
    } else if (v instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    } else {
      throw new IllegalArgumentException("cluster.members: expected a list of hosts, got " + v);
    }
    return out;
  }

  private static List<String> strings(Object v, String key) {
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray a) {
      for (Object o : a) {
        if (!(o instanceof String)) {
          throw new IllegalArgumentException(key + ": expected names, got " + o);
        }
        out.add(((String) o).trim());
      }
    } else if (v instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    } else {
      throw new IllegalArgumentException(key + ": expected a list of names, got " + v);
    }
    return out;
  }

  private static int port(int port, String key, boolean zeroAllowed) {
    if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
      throw new IllegalArgumentException(key + ": expected a port 1-65535, got " + port);
    }
    return port;
  }

  private static int instanceCount(int n, String key) {
    if (n < 0 || n > MAX_INSTANCES) {
      throw new IllegalArgumentException(
          key + ": expected 0 (not on this node) to " + MAX_INSTANCES + ", got " + n);
    }
    return n;
  }

  private static String nonBlank(String v, String key) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + ": must not be blank");
    }
    return v;
  }
}
