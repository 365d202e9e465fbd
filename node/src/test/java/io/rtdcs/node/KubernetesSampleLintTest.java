package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes sample (deploy/k8s/rtdcs.yaml) keeps its trust boundaries: only rtdcs pods reach
 * the members' Hazelcast and event-bus ports, the pod runs unprivileged on a read-only image, and
 * members spread over machines. No cluster here to apply it to: the documents are read as YAML.
 */
class KubernetesSampleLintTest {
  private static final Path SAMPLE =
      Path.of("..", "deploy", "k8s", "rtdcs.yaml").toAbsolutePath().normalize();

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(SAMPLE)) {
      for (Object doc : new Yaml().loadAll(in)) {
        if (doc != null) {
          out.add((Map<String, Object>) doc);
        }
      }
    }
    return out;
  }

  private static Map<String, Object> kind(String kind) throws IOException {
    return documents().stream()
        .filter(d -> kind.equals(d.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + SAMPLE));
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object from, String... path) {
    Object o = from;
    for (String key : path) {
      assertThat(o).as("%s in %s", key, String.join(".", path)).isInstanceOf(Map.class);
      o = ((Map<String, Object>) o).get(key);
    }
    return (T) o;
  }

  @Test
  void onlyRtdcsPodsShouldReachTheMemberPorts() throws IOException {
    Map<String, Object> policy = kind("NetworkPolicy");
    assertThat(at(policy, "spec", "podSelector", "matchLabels", "app").toString())
        .isEqualTo("rtdcs");
    List<Map<String, Object>> rules = at(policy, "spec", "ingress");
    for (int port : new int[] {5701, 5801}) {
      List<Map<String, Object>> opening =
          rules.stream().filter(r -> ports(r).contains(port)).toList();
      assertThat(opening).as("rules opening %d", port).hasSize(1);
      List<Map<String, Object>> from = at(opening.get(0), "from");
      assertThat(from).as("who may reach %d", port).hasSize(1);
      assertThat(at(from.get(0), "podSelector", "matchLabels", "app").toString())
          .isEqualTo("rtdcs");
    }
    // and the event-bus port the policy names is the one the pods use
    assertThat(Files.readString(SAMPLE))
        .contains("{name: RTDCS_CLUSTER_EVENT_BUS_PORT, value: \"5801\"}");
  }

  @Test
  void podsShouldRunUnprivilegedOnAReadOnlyImageAndSpreadOverMachines() throws IOException {
    Map<String, Object> pod = at(kind("StatefulSet"), "spec", "template", "spec");
    assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();
    assertThat((Integer) at(pod, "securityContext", "runAsUser")).isNotZero();
    List<Map<String, Object>> containers = at(pod, "containers");
    for (Map<String, Object> c : containers) {
      assertThat((Boolean) at(c, "securityContext", "allowPrivilegeEscalation")).isFalse();
      assertThat((Boolean) at(c, "securityContext", "readOnlyRootFilesystem")).isTrue();
      assertThat((List<String>) at(c, "securityContext", "capabilities", "drop")).contains("ALL");
    }
    List<Map<String, Object>> spread = at(pod, "topologySpreadConstraints");
    assertThat(spread)
        .anySatisfy(
            s -> {
              assertThat(s.get("topologyKey")).isEqualTo("kubernetes.io/hostname");
              assertThat(s.get("whenUnsatisfiable")).isEqualTo("DoNotSchedule");
            });
  }

  @SuppressWarnings("unchecked")
  private static List<Integer> ports(Map<String, Object> rule) {
    List<Map<String, Object>> ports = (List<Map<String, Object>>) rule.get("ports");
    return ports == null ? List.of() : ports.stream().map(p -> (Integer) p.get("port")).toList();
  }
}
