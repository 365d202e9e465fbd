import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the test reports say, read from Surefire's and Failsafe's XML (a JDK single-file program: no
 * build of its own, run with {@code java scripts/TestReports.java ...}).
 *
 * <ul>
 *   <li>{@code check MODULE_DIR [skipTests=B] [skipITs=B] [test=PATTERN] [it.test=PATTERN]}: fails
 *       (exit 1) when a class under {@code src/test/java} that declares tests has no report, i.e.
 *       was never run (a name that no include pattern matches). Bound to the {@code verify} phase of
 *       every module by the parent pom. A run that selects tests ({@code -Dtest}, {@code -Dit.test})
 *       or skips them checks nothing for that plugin.
 *   <li>{@code summary ROOT_DIR}: per module, the tests run, skipped and failed, then every skipped
 *       test with its reason, then one closing line {@code tests: N passed, N failed, N skipped}.
 *       {@code .ci/run} prints it after {@code mvn -B verify}.
 * </ul>
 */
public final class TestReports {
  private static final Pattern TEST_ANNOTATION =
      Pattern.compile(
          "^\\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b",
          Pattern.MULTILINE);
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern ABSTRACT_CLASS =
      Pattern.compile("^(public\\s+)?abstract\\s+class\\s", Pattern.MULTILINE);
  private static final Pattern FAILSAFE_NAME = Pattern.compile("^(IT.*|.*IT|.*ITCase)$");

  private TestReports() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("check")) {
      System.exit(check(Path.of(args[1]), options(args)));
    } else if (args.length == 2 && args[0].equals("summary")) {
      System.exit(summary(Path.of(args[1])));
    } else {
      System.err.println(
          "usage: java scripts/TestReports.java check MODULE_DIR [skipTests=B] [skipITs=B]"
              + " [test=P] [it.test=P]\n"
              + "       java scripts/TestReports.java summary ROOT_DIR");
      System.exit(2);
    }
  }

  /** key=value arguments; a value still reading ${...} is a Maven property that was not set. */
  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq > 0) {
        String value = args[i].substring(eq + 1).trim();
        if (!value.isEmpty() && !value.startsWith("${")) {
          out.put(args[i].substring(0, eq), value);
        }
      }
    }
    return out;
  }

  static int check(Path module, Map<String, String> options) throws IOException {
    Path sources = module.resolve("src/test/java");
    if (!Files.isDirectory(sources)) {
      return 0;
    }
    boolean skipAll =
        Boolean.parseBoolean(options.getOrDefault("skipTests", "false"))
            || Boolean.parseBoolean(options.getOrDefault("maven.test.skip", "false"));
    boolean checkUnit = !skipAll && !options.containsKey("test");
    boolean checkIntegration =
        !skipAll
            && !options.containsKey("it.test")
            && !Boolean.parseBoolean(options.getOrDefault("skipITs", "false"));
    if (!checkUnit && !checkIntegration) {
      System.out.println("[TestReports] " + module.getFileName() + ": tests not run, nothing to check");
      return 0;
    }
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Path file : javaFiles(sources)) {
      String source = Files.readString(file);
      if (!TEST_ANNOTATION.matcher(source).find() || ABSTRACT_CLASS.matcher(source).find()) {
        continue;
      }
      String simpleName = file.getFileName().toString().replaceFirst("\\.java$", "");
      Matcher pkg = PACKAGE.matcher(source);
      String className = (pkg.find() ? pkg.group(1) + "." : "") + simpleName;
      boolean integration = FAILSAFE_NAME.matcher(simpleName).matches();
      if (integration ? !checkIntegration : !checkUnit) {
        continue;
      }
      checked++;
      String dir = integration ? "target/failsafe-reports" : "target/surefire-reports";
      if (!Files.exists(module.resolve(dir).resolve("TEST-" + className + ".xml"))) {
        missing.add(className + " (no " + dir + "/TEST-" + className + ".xml)");
      }
    }
    if (!missing.isEmpty()) {
      System.err.println(
          "[TestReports] "
              + missing.size()
              + " test class(es) in "
              + module.getFileName()
              + " were not run: "
              + String.join(", ", missing)
              + ". Surefire runs *Test, *Tests, Test*, *TestCase and *Properties classes,"
              + " Failsafe runs *IT classes: rename the class or widen the includes in pom.xml.");
      return 1;
    }
    System.out.println(
        "[TestReports] " + module.getFileName() + ": all " + checked + " test classes ran");
    return 0;
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** One module's totals and its skipped tests with their reasons. */
  private record ModuleResult(
      String module, int tests, int failed, int skipped, List<String> skippedTests) {}

  static int summary(Path root) throws Exception {
    List<ModuleResult> results = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path module : dirs.filter(Files::isDirectory).sorted().toList()) {
        ModuleResult r = readModule(module);
        if (r != null) {
          results.add(r);
        }
      }
    }
    System.out.println();
    System.out.println("Test summary (from target/surefire-reports and target/failsafe-reports)");
    System.out.printf("%-20s %7s %7s %7s %7s%n", "module", "run", "passed", "skipped", "failed");
    int tests = 0;
    int failed = 0;
    int skipped = 0;
    for (ModuleResult r : results) {
      System.out.printf(
          "%-20s %7d %7d %7d %7d%n",
          r.module(), r.tests(), r.tests() - r.failed() - r.skipped(), r.skipped(), r.failed());
      tests += r.tests();
      failed += r.failed();
      skipped += r.skipped();
    }
    List<String> allSkipped = new ArrayList<>();
    results.forEach(r -> allSkipped.addAll(r.skippedTests()));
    if (!allSkipped.isEmpty()) {
      System.out.println("Skipped, and why:");
      allSkipped.forEach(s -> System.out.println("  " + s));
    }
    System.out.printf(
        "tests: %d passed, %d failed, %d skipped%n", tests - failed - skipped, failed, skipped);
    return 0;
  }

  private static ModuleResult readModule(Path module) throws Exception {
    List<Path> reports = new ArrayList<>();
    for (String dir : List.of("target/surefire-reports", "target/failsafe-reports")) {
      Path d = module.resolve(dir);
      if (Files.isDirectory(d)) {
        try (Stream<Path> files = Files.list(d)) {
          files
              .filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
              .sorted()
              .forEach(reports::add);
        }
      }
    }
    if (reports.isEmpty()) {
      return null;
    }
    int tests = 0;
    int failed = 0;
    int skipped = 0;
    List<String> skippedTests = new ArrayList<>();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    for (Path report : reports) {
      Document doc = factory.newDocumentBuilder().parse(report.toFile());
      NodeList cases = doc.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element testcase = (Element) cases.item(i);
        tests++;
        Element skip = child(testcase, "skipped");
        if (child(testcase, "failure") != null || child(testcase, "error") != null) {
          failed++;
        } else if (skip != null) {
          skipped++;
          String reason = skip.getAttribute("message");
          skippedTests.add(
              shortName(testcase.getAttribute("classname"))
                  + "."
                  + testcase.getAttribute("name")
                  + ": "
                  + (reason.isBlank() ? "(no reason given)" : reason.strip()));
        }
      }
    }
    return new ModuleResult(
        module.getFileName().toString(), tests, failed, skipped, skippedTests);
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String shortName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
