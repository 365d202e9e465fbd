package io.rtdcs.store;

import java.util.concurrent.atomic.LongAdder;

/** What one durable map did with its database; read by the node's metrics. */
public final class StoreStats {
  private final LongAdder rowsWritten = new LongAdder();
  private final LongAdder rowsDeleted = new LongAdder();
  private final LongAdder rowsLoaded = new LongAdder();
  private final LongAdder writeFailures = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder unreadableRows = new LongAdder();
  private final LongAdder refusedByPrivacy = new LongAdder();

  public void written(int rows) {
    rowsWritten.add(rows);
  }

  public void deleted(int rows) {
    rowsDeleted.add(rows);
  }

  public void loaded(int rows) {
    rowsLoaded.add(rows);
  }

  public void writeFailed(int rows) {
    writeFailures.add(rows);
  }

  public void loadFailed() {
    loadFailures.increment();
  }

  public void unreadable() {
    unreadableRows.increment();
  }

  public void refused() {
    refusedByPrivacy.increment();
  }

  public long rowsWritten() {
    return rowsWritten.sum();
  }

  public long rowsDeleted() {
    return rowsDeleted.sum();
  }

  public long rowsLoaded() {
    return rowsLoaded.sum();
  }

  /**
   * Rows of failed write attempts (Hazelcast retries them; the map's dirty count shows what waits).
   */
  public long writeFailures() {
    return writeFailures.sum();
  }

  public long loadFailures() {
    return loadFailures.sum();
  }

  public long unreadableRows() {
    return unreadableRows.sum();
  }

  /** Values a privacy mark kept out of the database or out of memory. */
  public long refusedByPrivacy() {
    return refusedByPrivacy.sum();
  }
}
