package io.rtdcs.store;

/** What differs between the two databases rtdcs writes: how a row is inserted or replaced. */
public enum Dialect {
  H2 {
    @Override
    public String upsert(String table) {
      return "MERGE INTO " + table + " (k, v, expires_at, ref) KEY (k) VALUES (?, ?, ?, ?)";
    }
  },
  POSTGRESQL {
    @Override
    public String upsert(String table) {
      return "INSERT INTO "
          + table
          + " (k, v, expires_at, ref) VALUES (?, ?, ?, ?) ON CONFLICT (k) DO UPDATE SET"
          + " v = EXCLUDED.v, expires_at = EXCLUDED.expires_at, ref = EXCLUDED.ref";
    }
  };

  /**
   * The statement that writes one row (parameters k, v, expires_at, ref), replacing any old one.
   */
  public abstract String upsert(String table);
}
