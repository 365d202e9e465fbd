package io.rtdcs.store;

/**
 * What differs between the two databases rtdcs writes: how a row is inserted or replaced, and how
 * the rows that name a visitor in their space-separated {@code ref} are found.
 */
public enum Dialect {
  H2 {
    @Override
    public String upsert(String table) {
      return "MERGE INTO " + table + " (k, v, expires_at, ref) KEY (k) VALUES (?, ?, ?, ?)";
    }

    @Override
    public String rowsNaming(String table) {
      // the embedded single-host store scans: deletions are rare there and the table small
      return "SELECT k, v FROM " + table + " WHERE ref LIKE '%' || ? || '%'";
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

    @Override
    public String rowsNaming(String table) {
      // the GIN index of V2__ref_index.sql answers this without a scan
      return "SELECT k, v FROM "
          + table
          + " WHERE string_to_array(ref, ' ') @> ARRAY[CAST(? AS text)]";
    }
  };

  /**
   * The statement that writes one row (parameters k, v, expires_at, ref), replacing any old one.
   */
  public abstract String upsert(String table);

  /**
   * The query (parameter: one token, a visitor's uuid) for the rows whose {@code ref} holds that
   * token among its space-separated ones; may return more (the caller checks each row's value).
   */
  public abstract String rowsNaming(String table);
}
