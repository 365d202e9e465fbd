package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator's kit against a real node (demo config, demo partner, embedded database, default
 * {@code metrics.*}): every series that a panel of {@code deploy/grafana/rtdcs.json} or a rule of
 * {@code deploy/prometheus/*.yml} names is one {@code /metrics} exposes after real traffic; every
 * rtdcs map has its {@code rtdcs_map_*} series; and no series carries a trait or segment id while
 * {@code metrics.perDefinition} is off (the dashboard still counts them).
 */
@Timeout(120)
class MonitoringKitTest {
  static final Path DEPLOY = Path.of("..", "deploy");

  /** Series Prometheus makes itself: never in a scrape. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

  private static RtdcsNode node;
  private static Vertx client;
  private static WebClient web;
  private static int port;
  private static Path data;

  @BeforeAll
  static void startNode() throws IOException {
    data = Files.createTempDirectory("rtdcs-monitoring-kit-");
    int clusterPort = TestPorts.freeClusterBase(2);
    port = TestPorts.free();
    JsonObject conf =
        TestConfigs.demoCluster(TestConfigs.clusterName(), clusterPort, port, TestPorts.free());
    conf.getJsonObject("dcs").put("budgetMs", 3000).put("storeReserveMs", 1000);
    conf.getJsonObject("definitions")
        .getJsonArray("partners")
        .getJsonObject(0)
        .put("timeoutMs", 1500);
    conf.put("store", new JsonObject().put("backend", "embedded").put("path", data.toString()));
    node = RtdcsNode.start(new NodeOptions(conf), Clock.systemUTC()).await();
    client = Vertx.vertx();
    web = WebClient.create(client);
    ClusterSafety.awaitSafe(port);
    for (int i = 0; i < 3; i++) {
      // the signal realizes a trait; the demo partner is asked in real time
      assertThat(get("/event?d_rtbd=json&c_category=shoes").statusCode()).isEqualTo(200);
    }
    // an Audience Manager error code (102: invalid d_uuid)
    assertThat(get("/event?d_rtbd=json&d_uuid=not-a-uuid").getHeader("X-Error")).contains("102");
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (web != null) {
      web.close();
      client.close().await();
    }
    if (node != null) {
      // bounded: a stop that never completes fails here instead of hanging the build
      node.stop().await(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void everySeriesOfTheDashboardAndTheRulesShouldBeExposed() throws IOException {
    Set<String> exposed = names(get("/metrics").bodyAsString());
    Map<String, Set<String>> referenced = new LinkedHashMap<>();
    referenced.putAll(dashboardQueries());
    Set<String> recorded = new TreeSet<>();
    for (Path rules : ruleFiles()) {
      for (Rule r : rules(rules)) {
        referenced.put(rules.getFileName() + " " + r.name(), PromQlNames.of(r.expr()));
        if (r.recorded()) {
          recorded.add(r.name());
        }
      }
    }
    assertThat(referenced).as("queries found").hasSizeGreaterThan(20);
    Map<String, Set<String>> missing = new LinkedHashMap<>();
    referenced.forEach(
        (where, names) -> {
          assertThat(names).as("series named in " + where).isNotEmpty();
          Set<String> absent = new TreeSet<>(names);
          absent.removeAll(exposed);
          absent.removeAll(recorded);
          absent.removeAll(PROMETHEUS_OWN);
          if (!absent.isEmpty()) {
            missing.put(where, absent);
          }
        });
    assertThat(missing).as("series named but not at /metrics").isEmpty();
  }

  @Test
  void everyRtdcsMapShouldHaveItsStatistics() {
    String scrape = get("/metrics").bodyAsString();
    for (String map : MapMetrics.MAPS) {
      for (String series :
          List.of(
              "rtdcs_map_owned_entries",
              "rtdcs_map_backup_entries",
              "rtdcs_map_owned_entry_memory_bytes",
              "rtdcs_map_backup_entry_memory_bytes",
              "rtdcs_map_dirty_entries",
              "rtdcs_map_hits_total",
              "rtdcs_map_gets_total",
              "rtdcs_map_puts_total",
              "rtdcs_map_removes_total")) {
        assertThat(scrape).contains(series + "{map=\"" + map + "\"");
      }
    }
    // the visitors of the calls above are in memory, and their bytes are counted
    assertThat(value(scrape, "rtdcs_map_owned_entries{map=\"rtdcs.profiles\"}")).isPositive();
    assertThat(value(scrape, "rtdcs_map_owned_entry_memory_bytes{map=\"rtdcs.profiles\"}"))
        .isPositive();
    assertThat(value(scrape, "rtdcs_map_owned_entries{map=\"rtdcs.traits\"}")).isPositive();
    assertThat(value(scrape, "rtdcs_cluster_members")).isEqualTo(1);
    assertThat(value(scrape, "rtdcs_event_budget_seconds")).isEqualTo(3.0);
    assertThat(value(scrape, "rtdcs_store_up")).isEqualTo(1);
    // the names these series replaced are gone
    assertThat(scrape).doesNotContain("rtdcs_store_memory_bytes", "rtdcs_store_write_pending");
  }

  @Test
  void withPerDefinitionOffNoSeriesShouldCarryATraitOrSegmentId() {
    String scrape = get("/metrics").bodyAsString();
    assertThat(scrape)
        .contains("rtdcs_partner_calls_total{dpid=\"9001\"")
        .doesNotContain("trait=\"", "segment=\"")
        .doesNotContain("rtdcs_trait_realizations", "rtdcs_segment_qualifications");
    // the node's own dashboard still shows segment populations
    JsonObject dashboard =
        web.get(port, "127.0.0.1", "/dashboard/data")
            .bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN)
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(dashboard.getJsonObject("segments").getLong("5001")).isGreaterThanOrEqualTo(3);
    assertThat(dashboard.getJsonObject("traits").getLong("1001")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void theDashboardShouldBeImportable() throws IOException {
    JsonObject dashboard = new JsonObject(Files.readString(DEPLOY.resolve("grafana/rtdcs.json")));
    assertThat(dashboard.getString("uid")).isNotBlank();
    assertThat(dashboard.getInteger("schemaVersion")).isGreaterThanOrEqualTo(36);
    // a datasource variable: ${DS_PROMETHEUS} resolves whether the file is imported or provisioned
    JsonObject datasource =
        dashboard.getJsonObject("templating").getJsonArray("list").getJsonObject(0);
    assertThat(datasource.getString("name")).isEqualTo("DS_PROMETHEUS");
    assertThat(datasource.getString("type")).isEqualTo("datasource");
    assertThat(datasource.getString("query")).isEqualTo("prometheus");
    for (JsonObject panel : panels(dashboard)) {
      if ("row".equals(panel.getString("type"))) {
        continue;
      }
      assertThat(panel.getJsonObject("datasource").getString("uid"))
          .as(panel.getString("title"))
          .isEqualTo("${DS_PROMETHEUS}");
      assertThat(panel.getJsonArray("targets")).as(panel.getString("title")).isNotEmpty();
    }
  }

  /** Panel title and target ref -> the series its PromQL names; template queries too. */
  static Map<String, Set<String>> dashboardQueries() throws IOException {
    JsonObject dashboard = new JsonObject(Files.readString(DEPLOY.resolve("grafana/rtdcs.json")));
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (JsonObject panel : panels(dashboard)) {
      JsonArray targets = panel.getJsonArray("targets", new JsonArray());
      for (int i = 0; i < targets.size(); i++) {
        JsonObject t = targets.getJsonObject(i);
        out.put(
            "panel '" + panel.getString("title") + "' " + t.getString("refId"),
            PromQlNames.of(t.getString("expr")));
      }
    }
    JsonArray templates =
        dashboard.getJsonObject("templating", new JsonObject()).getJsonArray("list");
    for (int i = 0; templates != null && i < templates.size(); i++) {
      JsonObject t = templates.getJsonObject(i);
      if (!"query".equals(t.getString("type"))) {
        continue;
      }
      Object q = t.getValue("query");
      String query = q instanceof JsonObject o ? o.getString("query") : (String) q;
      Matcher lv = Pattern.compile("label_values\\((.*),\\s*\\w+\\)").matcher(query);
      out.put(
          "variable " + t.getString("name"), PromQlNames.of(lv.matches() ? lv.group(1) : query));
    }
    return out;
  }

  static List<JsonObject> panels(JsonObject dashboard) {
    List<JsonObject> out = new ArrayList<>();
    JsonArray top = dashboard.getJsonArray("panels");
    for (int i = 0; i < top.size(); i++) {
      JsonObject p = top.getJsonObject(i);
      out.add(p);
      JsonArray nested = p.getJsonArray("panels", new JsonArray());
      for (int j = 0; j < nested.size(); j++) {
        out.add(nested.getJsonObject(j));
      }
    }
    return out;
  }

  static List<Path> ruleFiles() throws IOException {
    try (Stream<Path> files = Files.list(DEPLOY.resolve("prometheus"))) {
      List<Path> out =
          files
              .filter(p -> p.toString().endsWith(".yml"))
              .filter(p -> !p.getFileName().toString().endsWith("-test.yml"))
              .sorted()
              .toList();
      assertThat(out).isNotEmpty();
      return out;
    }
  }

  record Rule(String name, boolean recorded, String expr) {}

  /**
   * The rules of a Prometheus rule file: each {@code - alert:} or {@code - record:} with its {@code
   * expr} (one line, or a {@code |}/{@code >} block). promtool checks the file's syntax in CI.
   */
  static List<Rule> rules(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Rule> out = new ArrayList<>();
    Pattern head = Pattern.compile("\\s*-\\s*(alert|record):\\s*(\\S+)\\s*");
    Pattern expr = Pattern.compile("(\\s*)expr:\\s*(.*)");
    String name = null;
    boolean recorded = false;
    for (int i = 0; i < lines.size(); i++) {
      Matcher h = head.matcher(lines.get(i));
      if (h.matches()) {
        name = h.group(2);
        recorded = h.group(1).equals("record");
        continue;
      }
      Matcher e = expr.matcher(lines.get(i));
      if (e.matches() && name != null) {
        String value = e.group(2).trim();
        if (value.equals("|")
            || value.equals(">")
            || value.startsWith("|-")
            || value.startsWith(">-")) {
          int indent = e.group(1).length();
          StringBuilder block = new StringBuilder();
          while (i + 1 < lines.size()
              && (lines.get(i + 1).isBlank() || indentOf(lines.get(i + 1)) > indent)) {
            block.append(lines.get(++i).trim()).append('\n');
          }
          value = block.toString();
        } else if (value.startsWith("'") || value.startsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        out.add(new Rule(name, recorded, value));
        name = null;
      }
    }
    return out;
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** Metric names of a Prometheus text scrape. */
  static Set<String> names(String scrape) {
    Set<String> out = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
        end++;
      }
      out.add(line.substring(0, end));
    }
    return out;
  }

  private static double value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError(series + " not in the scrape");
  }

  private static HttpResponse<Buffer> get(String uri) {
    return web.get(port, "127.0.0.1", uri).send().await();
  }
}
