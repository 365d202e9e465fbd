package io.rtdcs.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests: Debian's {@code postgresql} package ({@code .ci/run}
 * installs it), a new cluster in a temporary directory ({@code initdb}, trust authentication, no
 * fsync), listening on a free loopback port. As root the server runs as the {@code postgres} user
 * (PostgreSQL refuses root). {@link #stop()} and {@link #start()} take it down and bring it back on
 * the same port, with its data.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "rtdcs";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** A new, running server; fails with what to install when PostgreSQL is not there. */
  public static PostgresServer create() throws Exception {
    Path bin = binaries();
    Path dir = Files.createTempDirectory("rtdcs-pg-");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "-R", "postgres", dir.toString()), false);
    }
    PostgresServer server = new PostgresServer(bin, dir, freePort(), root);
    server.exec(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-A",
            "trust",
            "-U",
            USER,
            "--no-sync"));
    server.start();
    return server;
  }

  /** Starts the server (again); returns once it accepts connections. */
  public void start() throws Exception {
    exec(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-o",
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c max_connections=200",
            "-l",
            dir.resolve("log").toString(),
            "-w",
            "start"));
  }

  /** Stops the server at once (connections are cut), keeping its data. */
  public void stop() throws Exception {
    exec(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-m",
            "immediate",
            "-w",
            "stop"));
  }

  public int port() {
    return port;
  }

  /** A new, empty database on this server; returns its JDBC URL. */
  public String createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (Exception e) {
      // already down
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  private void exec(List<String> command) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (asPostgresUser) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    run(cmd, true);
  }

  private static void run(List<String> cmd, boolean check) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + ": no exit after 60 s");
    }
    if (check && p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + out);
    }
  }

  /** The newest /usr/lib/postgresql/N/bin. */
  static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path newest =
            versions
                .filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                .orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      }
    }
    throw new IllegalStateException(
        "PostgreSQL is not installed (no /usr/lib/postgresql/N/bin/pg_ctl): apt-get install -y"
            + " postgresql (.ci/run does)");
  }

  private static int freePort() throws IOException {
    // below the ephemeral range, as the node tests' ports (TestPorts)
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000);
      try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException e) {
        // taken: another
      }
    }
    throw new IOException("no free port for PostgreSQL");
  }
}
