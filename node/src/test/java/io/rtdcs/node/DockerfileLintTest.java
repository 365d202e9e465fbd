package io.rtdcs.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lints the repository's Dockerfile where no Docker engine (nor hadolint) exists: the image must
 * build itself from the sources in pinned images, run as a user without privileges, exit on an
 * OutOfMemoryError and report its liveness; and every {@code RTDCS_*} variable that the image,
 * docker-compose.yml and the Kubernetes sample set must be one the node reads.
 */
class DockerfileLintTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern FROM =
      Pattern.compile("(?i)^FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");
  private static final Pattern PINNED =
      Pattern.compile("[a-z0-9./_-]+:([A-Za-z0-9._-]+)@sha256:[0-9a-f]{64}");
  // a name, not a family of names such as RTDCS_STORE_* in a comment
  private static final Pattern RTDCS_VARIABLE =
      Pattern.compile("\\bRTDCS_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_*])");

  private static List<String> instructions() throws IOException {
    // one instruction per entry: continuation lines joined, comments and blank lines dropped
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
      String trimmed = line.strip();
      if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      out.add(current.append(trimmed).toString());
      current.setLength(0);
    }
    return out;
  }

  private static List<String> finalStage(List<String> instructions) {
    int last = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (FROM.matcher(instructions.get(i)).matches()) {
        last = i;
      }
    }
    return instructions.subList(last, instructions.size());
  }

  private static List<String> keyword(List<String> instructions, String keyword) {
    return instructions.stream()
        .filter(i -> i.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1))
        .toList();
  }

  @Test
  void everyBaseImageShouldBePinnedByTagAndDigest() throws IOException {
    List<String> froms = keyword(instructions(), "FROM");

    assertThat(froms).as("multi-stage: a build stage and a runtime stage").hasSizeGreaterThan(1);
    for (String from : froms) {
      Matcher m = FROM.matcher(from);
      assertThat(m.matches()).as(from).isTrue();
      Matcher pinned = PINNED.matcher(m.group(1));
      assertThat(pinned.matches()).as("%s: image:tag@sha256:<64 hex>", from).isTrue();
      assertThat(pinned.group(1)).as(from).isNotEqualToIgnoringCase("latest");
    }
  }

  @Test
  void theJarShouldBeBuiltInsideFromThePomsFirst() throws IOException {
    List<String> instructions = instructions();
    List<String> runs = keyword(instructions, "RUN");
    int copyAll = instructions.indexOf("COPY . .");

    assertThat(runs).anyMatch(r -> r.matches("RUN mvn -B .*-DskipTests.* package"));
    assertThat(copyAll).as("COPY . . after the poms").isPositive();
    List<String> beforeSources = instructions.subList(0, copyAll);
    assertThat(beforeSources).contains("COPY pom.xml ./");
    for (String module : modules()) {
      assertThat(beforeSources)
          .as("module %s's pom is copied before the sources (dependency layer)", module)
          .contains("COPY " + module + "/pom.xml " + module + "/");
    }
    assertThat(keyword(finalStage(instructions), "COPY"))
        .anyMatch(c -> c.matches("COPY --from=\\S+ /src/node/target/rtdcs\\.jar .*"));
  }

  @Test
  void theNodeShouldRunAsAnUnprivilegedUserExitOnOutOfMemoryAndReportItsLiveness()
      throws IOException {
    List<String> runtime = finalStage(instructions());
    List<String> users = keyword(runtime, "USER");
    List<String> healthchecks = keyword(runtime, "HEALTHCHECK");
    List<String> entrypoints = keyword(runtime, "ENTRYPOINT");

    assertThat(users).as("a USER in the runtime stage").isNotEmpty();
    String user = users.get(users.size() - 1).substring("USER ".length()).strip();
    assertThat(user.split(":")[0]).isNotIn("root", "0");
    assertThat(healthchecks).hasSize(1);
    assertThat(healthchecks.get(0)).doesNotContainIgnoringCase("NONE").contains("/health/live");
    assertThat(entrypoints).hasSize(1);
    assertThat(entrypoints.get(0)).contains("\"-XX:+ExitOnOutOfMemoryError\"").contains("\"-jar\"");
    String exposed = String.join(" ", keyword(runtime, "EXPOSE"));
    assertThat(exposed.split("\\s+")).contains("8080", "5701", "5801");
  }

  @Test
  void theBuildContextShouldLeaveOutBuildOutputAndHistory() throws IOException {
    List<String> patterns =
        Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .map(l -> l.endsWith("/") ? l.substring(0, l.length() - 1) : l)
            .toList();

    assertThat(patterns).contains("**/target", ".git", "data");
    assertThat(patterns).noneMatch(p -> p.startsWith("!"));
  }

  @Test
  void everyRtdcsVariableTheSamplesSetShouldBeOneTheNodeReads() throws IOException {
    Set<String> known = new TreeSet<>(NodeConfigLoader.ENVIRONMENT.keySet());
    // the logging variables the packed logback.xml reads (LogSettings checks them)
    known.addAll(List.of("RTDCS_LOG_FORMAT", "RTDCS_LOG_LEVEL", "RTDCS_EVENT_LOG"));
    Set<String> unknown = new TreeSet<>();
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("Dockerfile")));
    files.add(ROOT.resolve("docker-compose.yml"));
    try (Stream<Path> k8s = Files.list(ROOT.resolve("deploy/k8s"))) {
      k8s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
    }
    int seen = 0;
    for (Path file : files) {
      Matcher m = RTDCS_VARIABLE.matcher(Files.readString(file));
      while (m.find()) {
        seen++;
        if (!known.contains(m.group())) {
          unknown.add(ROOT.relativize(file) + ": " + m.group());
        }
      }
    }

    assertThat(seen).isGreaterThan(10);
    assertThat(unknown).as("RTDCS_* names the node does not read").isEmpty();
  }

  private static List<String> modules() throws IOException {
    List<String> modules = new ArrayList<>();
    Matcher m =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    while (m.find()) {
      modules.add(m.group(1));
    }
    assertThat(modules).isNotEmpty();
    return modules;
  }
}
