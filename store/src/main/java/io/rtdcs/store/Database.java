package io.rtdcs.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database behind the durable maps: HikariCP pools over PostgreSQL or the embedded H2 file
 * database, with the schema migrated by Flyway at open ({@code db/rtdcs/<vendor>/V*.sql}; every
 * node may migrate, Flyway's lock lets one do it). Reads of entries missing from memory have a pool
 * of their own ({@link #readConnection()}, {@code store.poolSize / 2}, at least 2): a call waits
 * for a visitor's row, never behind the write-behind batches that take the main pool while a
 * backlog drains (a read at the end of a million-visitor flood waited past the pool timeout).
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** A pooled connection waits at most this long, so a database that is down fails calls fast. */
  static final long CONNECTION_TIMEOUT_MS = 2_000;

  private final HikariDataSource pool;
  private final HikariDataSource readPool;
  private final Dialect dialect;
  private final String description;

  private Database(
      HikariDataSource pool, HikariDataSource readPool, Dialect dialect, String description) {
    this.pool = pool;
    this.readPool = readPool;
    this.dialect = dialect;
    this.description = description;
  }

  /**
   * Opens the pool and migrates the schema; fails with the reason when the database is not there.
   */
  public static Database open(StoreOptions options) {
    Objects.requireNonNull(options, "options").validate();
    HikariConfig config = new HikariConfig();
    config.setPoolName("rtdcs-store");
    config.setMaximumPoolSize(options.getPoolSize());
    config.setMinimumIdle(Math.min(2, options.getPoolSize()));
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    config.setInitializationFailTimeout(30_000);
    Dialect dialect;
    switch (options.getBackend()) {
      case POSTGRESQL -> {
        dialect = Dialect.POSTGRESQL;
        config.setJdbcUrl(options.getUrl());
        config.setUsername(options.getUser());
        config.setPassword(options.getPassword());
        // a database that stops answering fails a statement after 10 s instead of never
        config.addDataSourceProperty("socketTimeout", "10");
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
      }
      case EMBEDDED -> {
        dialect = Dialect.H2;
        Path dir = Path.of(options.getPath()).toAbsolutePath().normalize();
        try {
          Files.createDirectories(dir);
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException("store.path: cannot create " + dir + ": " + e, e);
        }
        // the automatic mixed mode's server socket: loopback only, as every other rtdcs port
        if (System.getProperty("h2.bindAddress") == null) {
          System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        // the first node of a host opens the file and serves it to the others on loopback; when it
        // stops, another one takes the file over. WRITE_DELAY=0: a commit is in the file when it
        // returns: H2 otherwise writes commits up to 500 ms later, and a node killed with -9
        // while it holds the file would lose writes it acknowledged (H2's shutdown hook, which
        // AUTO_SERVER requires, closes the file cleanly on any other exit; the node's own stop
        // runs before the JVM's hooks, see GracefulStop)
        config.setJdbcUrl(
            "jdbc:h2:file:"
                + dir.resolve("rtdcs")
                + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0");
        config.setUsername("rtdcs");
        config.setPassword("");
      }
      default -> throw new IllegalArgumentException("store.backend: memory has no database");
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "store: cannot connect to " + options + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/rtdcs/" + dialect.name().toLowerCase(java.util.Locale.ROOT))
          .table("rtdcs_schema_history")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException(
          "store: cannot migrate the schema of " + options + ": " + rootMessage(e), e);
    }
    HikariConfig readConfig = new HikariConfig();
    config.copyStateTo(readConfig);
    readConfig.setPoolName("rtdcs-store-read");
    readConfig.setMaximumPoolSize(Math.max(2, options.getPoolSize() / 2));
    readConfig.setMinimumIdle(1);
    readConfig.setReadOnly(true);
    HikariDataSource readPool;
    try {
      readPool = new HikariDataSource(readConfig);
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException(
          "store: cannot connect to " + options + ": " + rootMessage(e), e);
    }
    LOG.info("durable state in {}", options);
    return new Database(pool, readPool, dialect, options.toString());
  }

  /** A connection for writes, deletions, sweeps and transactions. */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** A read-only connection for loading entries that are not in memory. */
  public Connection readConnection() throws SQLException {
    return readPool.getConnection();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Connections in use and threads waiting for one (readiness, metrics). */
  public int activeConnections() {
    return active(pool) + active(readPool);
  }

  private static int active(HikariDataSource p) {
    return p.getHikariPoolMXBean() == null ? 0 : p.getHikariPoolMXBean().getActiveConnections();
  }

  /** Whether a connection can be had and answers, within the pool's timeout. */
  public boolean reachable() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    readPool.close();
    pool.close();
  }

  @Override
  public String toString() {
    return description;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
