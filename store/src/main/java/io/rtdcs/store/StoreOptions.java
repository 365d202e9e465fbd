package io.rtdcs.store;

import java.util.Locale;
import java.util.Objects;

/**
 * Where the cluster's durable state lives (node config section {@code store}, docs/storage.md).
 * Every setter validates and names the key it guards, so a wrong value stops the node at start.
 *
 * <ul>
 *   <li>{@code embedded} (default): an H2 file database under {@code store.path}, shared by the
 *       nodes of one host (H2's automatic mixed mode); for one machine and development.
 *   <li>{@code postgresql}: the database at {@code store.url}; what a cluster across hosts runs.
 *   <li>{@code memory}: nothing durable (state lives only in Hazelcast, as before 0.2); for tests.
 * </ul>
 */
public final class StoreOptions {
  /** Which database backs the maps. */
  public enum Backend {
    MEMORY,
    EMBEDDED,
    POSTGRESQL;

    static Backend parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "store.backend: must be one of embedded, postgresql, memory, not '" + value + "'");
      }
    }
  }

  public static final String DEFAULT_PATH = "data";
  public static final int DEFAULT_POOL_SIZE = 8;
  public static final int DEFAULT_WRITE_DELAY_SECONDS = 1;
  public static final int DEFAULT_WRITE_BATCH_SIZE = 500;
  public static final int DEFAULT_WRITE_BEHIND_LIMIT = 200_000;
  public static final int DEFAULT_PROFILE_HEAP_PERCENTAGE = 25;
  public static final int DEFAULT_ID_HEAP_PERCENTAGE = 10;

  /**
   * People's profiles: one per authenticated person, so at most as many as the device profiles and
   * usually far fewer (only visitors who log in have one), each about the size of a device profile;
   * and only segments whose merge rule adds them read them. The ID links' share, not the profiles':
   * the three bounds together (45 %) leave more than half of the heap to everything else.
   */
  public static final int DEFAULT_PEOPLE_HEAP_PERCENTAGE = 10;

  public static final int DEFAULT_SWEEP_INTERVAL_SECONDS = 3600;
  public static final int DEFAULT_OPT_OUT_DAYS = 400;

  private Backend backend = Backend.EMBEDDED;
  private String path = DEFAULT_PATH;
  private String url;
  private String user;
  private String password;
  private int poolSize = DEFAULT_POOL_SIZE;
  private int writeDelaySeconds = DEFAULT_WRITE_DELAY_SECONDS;
  private int writeBatchSize = DEFAULT_WRITE_BATCH_SIZE;
  private int writeBehindLimit = DEFAULT_WRITE_BEHIND_LIMIT;
  private int profileHeapPercentage = DEFAULT_PROFILE_HEAP_PERCENTAGE;
  private int idHeapPercentage = DEFAULT_ID_HEAP_PERCENTAGE;
  private int peopleHeapPercentage = DEFAULT_PEOPLE_HEAP_PERCENTAGE;
  private int sweepIntervalSeconds = DEFAULT_SWEEP_INTERVAL_SECONDS;
  private int optOutDays = DEFAULT_OPT_OUT_DAYS;

  public Backend getBackend() {
    return backend;
  }

  public StoreOptions setBackend(String backend) {
    this.backend = Backend.parse(Objects.requireNonNull(backend, "store.backend"));
    return this;
  }

  public boolean isDurable() {
    return backend != Backend.MEMORY;
  }

  /** The embedded database's directory (relative to the working directory). */
  public String getPath() {
    return path;
  }

  public StoreOptions setPath(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("store.path: must name a directory");
    }
    this.path = path;
    return this;
  }

  /** The PostgreSQL JDBC URL, e.g. {@code jdbc:postgresql://db:5432/rtdcs}. */
  public String getUrl() {
    return url;
  }

  public StoreOptions setUrl(String url) {
    if (url != null && !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("store.url: must start with jdbc:postgresql:");
    }
    this.url = url;
    return this;
  }

  public String getUser() {
    return user;
  }

  public StoreOptions setUser(String user) {
    this.user = user;
    return this;
  }

  /** Never logged, never printed by {@link #toString()}. */
  public String getPassword() {
    return password;
  }

  public StoreOptions setPassword(String password) {
    this.password = password;
    return this;
  }

  public int getPoolSize() {
    return poolSize;
  }

  public StoreOptions setPoolSize(int poolSize) {
    this.poolSize = range("store.poolSize", poolSize, 1, 200);
    return this;
  }

  /**
   * Seconds a profile, link or queued push waits before it is written (coalesced) to the database.
   */
  public int getWriteDelaySeconds() {
    return writeDelaySeconds;
  }

  public StoreOptions setWriteDelaySeconds(int seconds) {
    this.writeDelaySeconds = range("store.writeDelaySeconds", seconds, 1, 300);
    return this;
  }

  /**
   * Profiles and links a member may hold waiting to be written (its write-behind backlog, which
   * grows while the database is slow or down); past it, new visitor data is refused, counted and
   * answered without traits, never queued without bound.
   */
  public int getWriteBehindLimit() {
    return writeBehindLimit;
  }

  public StoreOptions setWriteBehindLimit(int limit) {
    this.writeBehindLimit = range("store.writeBehindLimit", limit, 1, 100_000_000);
    return this;
  }

  public int getWriteBatchSize() {
    return writeBatchSize;
  }

  public StoreOptions setWriteBatchSize(int size) {
    this.writeBatchSize = range("store.writeBatchSize", size, 1, 10_000);
    return this;
  }

  /** Share of the heap the profiles may use on a member before the least recently used leave it. */
  public int getProfileHeapPercentage() {
    return profileHeapPercentage;
  }

  public StoreOptions setProfileHeapPercentage(int percentage) {
    this.profileHeapPercentage = range("store.profileHeapPercentage", percentage, 1, 80);
    return this;
  }

  /**
   * Share of the heap people's (authenticated) profiles may use on a member before the least
   * recently used leave it.
   */
  public int getPeopleHeapPercentage() {
    return peopleHeapPercentage;
  }

  public StoreOptions setPeopleHeapPercentage(int percentage) {
    this.peopleHeapPercentage = range("store.peopleHeapPercentage", percentage, 1, 80);
    return this;
  }

  /** Share of the heap the ID links may use on a member before the least recently used leave it. */
  public int getIdHeapPercentage() {
    return idHeapPercentage;
  }

  public StoreOptions setIdHeapPercentage(int percentage) {
    this.idHeapPercentage = range("store.idHeapPercentage", percentage, 1, 80);
    return this;
  }

  /** How often expired rows are deleted from the database. */
  public int getSweepIntervalSeconds() {
    return sweepIntervalSeconds;
  }

  public StoreOptions setSweepIntervalSeconds(int seconds) {
    this.sweepIntervalSeconds = range("store.sweepIntervalSeconds", seconds, 1, 86_400);
    return this;
  }

  /**
   * Days an opt-out is kept after the visitor's last call (at least the visitor cookie's life;
   * AAM's demdex cookie lives 180 days).
   */
  public int getOptOutDays() {
    return optOutDays;
  }

  public StoreOptions setOptOutDays(int days) {
    this.optOutDays = range("store.optOutDays", days, 180, 3650);
    return this;
  }

  /** Fails when the chosen backend lacks what it needs. */
  public StoreOptions validate() {
    if (backend == Backend.POSTGRESQL && (url == null || url.isBlank())) {
      throw new IllegalArgumentException(
          "store.url: required with store.backend=postgresql (jdbc:postgresql://host:port/db)");
    }
    return this;
  }

  private static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + ": must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return switch (backend) {
      case MEMORY -> "memory (nothing durable)";
      case EMBEDDED -> "embedded H2 under " + path;
      case POSTGRESQL -> "PostgreSQL " + url;
    };
  }
}
