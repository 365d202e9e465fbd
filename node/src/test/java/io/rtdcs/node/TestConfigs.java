package io.rtdcs.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Node configs for tests: the demo configuration moved onto free ports and a private cluster. */
final class TestConfigs {
  static final String ADMIN_TOKEN = "rtdcs-test-admin-token-5f2a9c1e7b3d4086";

  /** The declared-ID signing secret of every data source in test configs ({@link #cid}). */
  static final String ID_SECRET = "test-declared-id-secret-0123456789abcdef";

  /** Data sources whose declared IDs tests sign. */
  static final int[] SIGNED_DPIDS = {
    20915, 777, 9100, 800, 801, 802, 803, 804, 805, 806, 807, 808, 809
  };

  private TestConfigs() {}

  static JsonObject demo() {
    try (InputStream in = TestConfigs.class.getClassLoader().getResourceAsStream("demo.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The demo config for a private test cluster; the demo partner (if any) listens on demoPort. */
  static JsonObject demoCluster(String clusterName, int clusterPort, int httpPort, int demoPort) {
    JsonObject c = demo();
    c.getJsonObject("http").put("port", httpPort).put("host", "127.0.0.1");
    c.getJsonObject("cluster")
        .put("name", clusterName)
        .put("port", clusterPort)
        .put("members", new JsonArray().add("127.0.0.1"));
    c.put("admin", new JsonObject().put("token", ADMIN_TOKEN));
    // the tests' data sources beside the demo's own (the README's calls sign with it)
    JsonObject declaredIds = c.getJsonObject("dcs").getJsonObject("declaredIds", new JsonObject());
    JsonObject secrets = declaredIds.getJsonObject("secrets", new JsonObject());
    for (int dpid : SIGNED_DPIDS) {
      secrets.put(Integer.toString(dpid), ID_SECRET);
    }
    c.getJsonObject("dcs").put("declaredIds", declaredIds.put("secrets", secrets));
    // functional tests check what a call gets, not how a busy node degrades: beside a CPU load the
    // event-loop delay would skip partners at random (the overload tests turn admission on)
    c.getJsonObject("dcs").put("admission", new JsonObject().put("enabled", false));
    // the warm-up before ready at most 3 s (default 20): measured in a fresh-clone suite, 38 node
    // starts took a median of 2.2 s and up to 4.4 s (three JVMs starting at once on 2 cores), about
    // a minute of the suite in all; these tests are about other things and warm their nodes with
    // their own calls (ColdStartIT runs the production default)
    c.getJsonObject("dcs").put("warmup", new JsonObject().put("maxSeconds", 3));
    // the partner client warm-up before it at most 1 s (default 5): in a fresh-clone suite, 38
    // starts
    // took 0.65-4.2 s (median 1.7 s), and a cluster waits for its slowest member; the nodes of
    // these
    // tests mostly have no partner at all (ColdStartIT runs the production default)
    partnerSection(c).put("warmup", new JsonObject().put("maxSeconds", 1));
    c.getJsonObject("demoPartner").put("port", demoPort);
    JsonArray partners = c.getJsonObject("definitions").getJsonArray("partners");
    for (int i = 0; i < partners.size(); i++) {
      JsonObject p = partners.getJsonObject(i);
      p.put("url", p.getString("url").replace(":8090", ":" + demoPort));
      JsonObject sync = p.getJsonObject("sync");
      if (sync != null) {
        sync.put("url", sync.getString("url").replace(":8090", ":" + demoPort));
      }
    }
    return c;
  }

  /** The config's {@code partner} section, added when it has none. */
  static JsonObject partnerSection(JsonObject c) {
    if (c.getJsonObject("partner") == null) {
      c.put("partner", new JsonObject());
    }
    return c.getJsonObject("partner");
  }

  /**
   * {@code d_cid=DPID%01ID&d_cid_sig=DPID%01HEX}: a declared ID as a site's server would prove it
   * (docs/privacy.md), so that it may find, link or opt out the profile it names.
   */
  static String cid(Object dpid, String id) {
    return "d_cid="
        + dpid
        + "%01"
        + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)
        + "&"
        + sig(dpid, id);
  }

  /** {@code d_cid_sig=DPID%01HEX} alone, for a {@code d_cid} written by hand (with its auth). */
  static String sig(Object dpid, String id) {
    return "d_cid_sig=" + dpid + "%01" + io.rtdcs.dcs.request.DeclaredIdProof.sign(ID_SECRET, id);
  }

  static String clusterName() {
    return "rtdcs-test-" + UUID.randomUUID();
  }
}
