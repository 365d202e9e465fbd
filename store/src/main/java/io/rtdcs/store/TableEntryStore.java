package io.rtdcs.store;

import com.hazelcast.map.EntryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Hazelcast map backed by one table ({@code k, v, expires_at, ref}): loads on a miss, writes
 * through or behind (the map's config decides), carries each entry's expiry both ways, and never
 * returns an expired row. Runs on Hazelcast's offloaded MapStore threads, never on a partition
 * thread. With a {@link PrivacyPolicy}, every load and store of a visitor's value first reads the
 * visitor's {@link PrivacyMark} in the same transaction.
 */
public class TableEntryStore<K, V> implements EntryStore<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(TableEntryStore.class);
  static final int CHUNK = 200;

  private final Database database;
  private final String table;
  private final RowCodec<K, V> codec;
  private final boolean loadAllKeys;
  private final PrivacyPolicy<V> privacy;
  private final Clock clock;
  private final StoreStats stats = new StoreStats();
  private volatile java.util.function.Predicate<String> unstored = k -> false;

  /**
   * @param loadAllKeys whether the whole table is loaded when the map is first touched (small maps:
   *     definitions, markers, queued pushes); otherwise entries load one by one on a miss
   * @param privacy null for maps that hold no visitor's data
   */
  public TableEntryStore(
      Database database,
      String table,
      RowCodec<K, V> codec,
      boolean loadAllKeys,
      PrivacyPolicy<V> privacy,
      Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.table = Objects.requireNonNull(table, "table");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.loadAllKeys = loadAllKeys;
    this.privacy = privacy;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Keys known to have no row yet (a visitor uuid minted moments ago): a load of them answers
   * "absent" without asking the database.
   */
  public TableEntryStore<K, V> withUnstoredKeys(java.util.function.Predicate<String> unstored) {
    this.unstored = Objects.requireNonNull(unstored, "unstored");
    return this;
  }

  /** Loads answered without the database because the key could not be stored yet. */
  public long loadsSpared() {
    return spared.sum();
  }

  private final java.util.concurrent.atomic.LongAdder spared =
      new java.util.concurrent.atomic.LongAdder();

  public String table() {
    return table;
  }

  public StoreStats stats() {
    return stats;
  }

  protected StoreStats mutableStats() {
    return stats;
  }

  protected Clock clock() {
    return clock;
  }

  protected Database database() {
    return database;
  }

  protected RowCodec<K, V> codec() {
    return codec;
  }

  @Override
  public MetadataAwareValue<V> load(K key) {
    return loadAll(List.of(key)).get(key);
  }

  @Override
  public Map<K, MetadataAwareValue<V>> loadAll(Collection<K> keys) {
    Map<K, MetadataAwareValue<V>> out = new HashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    long now = clock.millis();
    List<K> all = new ArrayList<>(keys.size());
    for (K k : keys) {
      if (unstored.test(codec.keyText(k))) {
        spared.increment();
      } else {
        all.add(k);
      }
    }
    if (all.isEmpty()) {
      return out;
    }
    try (Connection c = database.readConnection()) {
      for (int from = 0; from < all.size(); from += CHUNK) {
        List<K> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
        Map<String, PrivacyMark> marks = privacy == null ? Map.of() : marks(c, texts(chunk));
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT k, v, expires_at FROM "
                    + table
                    + " WHERE expires_at > ? AND k IN ("
                    + placeholders(chunk.size())
                    + ")")) {
          s.setLong(1, now);
          int i = 2;
          for (K k : chunk) {
            s.setString(i++, codec.keyText(k));
          }
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              String keyText = rs.getString(1);
              V value;
              try {
                value = codec.decode(rs.getBytes(2));
              } catch (RuntimeException e) {
                stats.unreadable();
                LOG.warn("{}: a row cannot be read and is ignored: {}", table, e.toString());
                continue;
              }
              if (privacy != null) {
                value = privacy.apply(value, marks.getOrDefault(keyText, PrivacyMark.NONE));
                if (value == null) {
                  stats.refused();
                  continue;
                }
              }
              out.put(codec.keyOf(keyText), new MetadataAwareValue<>(value, rs.getLong(3)));
            }
          }
        }
        if (privacy != null) {
          // no row, but a privacy action: the mark says what the visitor still is (opted out)
          for (K k : chunk) {
            PrivacyMark mark = marks.get(codec.keyText(k));
            if (mark != null && !out.containsKey(k)) {
              V value = privacy.absent(mark);
              if (value != null) {
                out.put(k, new MetadataAwareValue<>(value));
              }
            }
          }
        }
      }
    } catch (SQLException e) {
      stats.loadFailed();
      throw new IllegalStateException(table + ": cannot load: " + e.getMessage(), e);
    }
    stats.loaded(out.size());
    return out;
  }

  @Override
  public Iterable<K> loadAllKeys() {
    if (!loadAllKeys) {
      return null; // entries load one by one, on a miss
    }
    List<K> keys = new ArrayList<>();
    try (Connection c = database.readConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT k FROM " + table + " WHERE expires_at > ?")) {
      s.setLong(1, clock.millis());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(codec.keyOf(rs.getString(1)));
        }
      }
    } catch (SQLException e) {
      stats.loadFailed();
      throw new IllegalStateException(table + ": cannot list keys: " + e.getMessage(), e);
    }
    return keys;
  }

  @Override
  public void store(K key, MetadataAwareValue<V> value) {
    storeAll(Map.of(key, value));
  }

  /** One transaction: every row is written or none is (Hazelcast retries the whole batch). */
  @Override
  public void storeAll(Map<K, MetadataAwareValue<V>> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try {
        Map<String, PrivacyMark> marks =
            privacy == null ? Map.of() : marks(c, texts(entries.keySet()));
        List<String> refused = new ArrayList<>();
        int written = 0;
        try (PreparedStatement s = c.prepareStatement(database.dialect().upsert(table))) {
          for (Map.Entry<K, MetadataAwareValue<V>> e : entries.entrySet()) {
            String keyText = codec.keyText(e.getKey());
            V value = e.getValue().getValue();
            if (privacy != null) {
              value = privacy.apply(value, marks.getOrDefault(keyText, PrivacyMark.NONE));
              if (value == null) {
                refused.add(keyText);
                continue;
              }
            }
            s.setString(1, keyText);
            s.setBytes(2, codec.encode(value));
            s.setLong(3, e.getValue().getExpirationTime());
            s.setString(4, codec.ref(e.getKey(), value));
            s.addBatch();
            written++;
          }
          if (written > 0) {
            s.executeBatch();
          }
        }
        if (!refused.isEmpty()) {
          delete(c, refused);
          refused.forEach(k -> stats.refused());
        }
        c.commit();
        stats.written(written);
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    } catch (SQLException e) {
      stats.writeFailed(entries.size());
      throw new IllegalStateException(
          table + ": cannot write " + entries.size() + " rows: " + e.getMessage(), e);
    }
  }

  /** Rolls back; a connection the failure broke cannot, and must not hide the failure's cause. */
  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void delete(K key) {
    deleteAll(List.of(key));
  }

  @Override
  public void deleteAll(Collection<K> keys) {
    if (keys.isEmpty()) {
      return;
    }
    try (Connection c = database.connection()) {
      stats.deleted(delete(c, texts(keys)));
    } catch (SQLException e) {
      stats.writeFailed(keys.size());
      throw new IllegalStateException(
          table + ": cannot delete " + keys.size() + " rows: " + e.getMessage(), e);
    }
  }

  /** Deletes rows whose expiry has passed; returns how many. */
  public int sweep() throws SQLException {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
      s.setLong(1, clock.millis());
      int n = s.executeUpdate();
      stats.deleted(n);
      return n;
    }
  }

  private int delete(Connection c, List<String> keys) throws SQLException {
    int n = 0;
    for (int from = 0; from < keys.size(); from += CHUNK) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
      try (PreparedStatement s =
          c.prepareStatement(
              "DELETE FROM " + table + " WHERE k IN (" + placeholders(chunk.size()) + ")")) {
        int i = 1;
        for (String k : chunk) {
          s.setString(i++, k);
        }
        n += s.executeUpdate();
      }
    }
    return n;
  }

  /** The privacy marks of the given visitors (absent = none). */
  public static Map<String, PrivacyMark> marks(Connection c, List<String> uuids)
      throws SQLException {
    Map<String, PrivacyMark> out = new HashMap<>();
    for (int from = 0; from < uuids.size(); from += CHUNK) {
      List<String> chunk = uuids.subList(from, Math.min(uuids.size(), from + CHUNK));
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT k, v FROM "
                  + DurableMaps.table(DurableMaps.PRIVACY)
                  + " WHERE k IN ("
                  + placeholders(chunk.size())
                  + ")")) {
        int i = 1;
        for (String k : chunk) {
          s.setString(i++, k);
        }
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), PrivacyMark.CODEC.decode(rs.getBytes(2)));
          }
        }
      }
    }
    return out;
  }

  private List<String> texts(Collection<K> keys) {
    List<String> out = new ArrayList<>(keys.size());
    for (K k : keys) {
      out.add(codec.keyText(k));
    }
    return out;
  }

  public static String placeholders(int n) {
    StringBuilder b = new StringBuilder(n * 2);
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "?" : ",?");
    }
    return b.toString();
  }
}
