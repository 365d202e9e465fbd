package io.rtdcs.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtdcs.common.ConfigValues;
import io.rtdcs.dcs.http.ServerLimits;
import io.rtdcs.dcs.load.LoadOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dcs section's keys in docs/configuration.md and the keys its readers take are the same: a
 * documented key the node refused as unknown, or a key read but never documented, fails here.
 */
class DocumentedKeysTest {
  private static final Pattern TOKEN = Pattern.compile("`([A-Za-z.]+)`");

  @Test
  void everyDocumentedDcsKeyShouldBeReadAndEveryReadKeyDocumented() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    Set<String> documented = new TreeSet<>();
    for (String line : doc.split("\n")) {
      if (!line.startsWith("| `dcs.")) {
        continue;
      }
      // a row's first cell names a key in full, its siblings by their last part:
      // `dcs.cookie.name` / `.domain` / `.maxAgeDays`
      String cell = line.substring(1, line.indexOf('|', 1));
      String parent = "";
      Matcher m = TOKEN.matcher(cell);
      while (m.find()) {
        String key = m.group(1);
        if (key.startsWith("dcs.")) {
          key = key.substring("dcs.".length());
          parent = key.substring(0, key.lastIndexOf('.') + 1);
          documented.add(key);
        } else if (key.startsWith(".")) {
          documented.add(parent + key.substring(1));
        }
      }
    }
    // the readers the dcs verticle runs at deploy, on an empty section (every default)
    ConfigValues c = new ConfigValues(new JsonObject());
    DcsOptions options = new DcsOptions(c);
    ServerLimits.from(c, options.getMaxGetBytes());
    SecurityWiring.from(c);
    LoadOptions.from(c);
    c.allow(DcsVerticle.NODE_KEYS);
    Set<String> read = new TreeSet<>(c.asked());

    assertThat(read).as("documented in docs/configuration.md").containsAll(documented);
    // set by the node from its own keys (http.port from http.port, admin.token, ...), not by users
    read.removeAll(Set.of("http.port", "http.host", "admin.token", "localSegment", "localPartner"));
    assertThat(documented).as("read by the dcs verticle").containsAll(read);
  }
}
